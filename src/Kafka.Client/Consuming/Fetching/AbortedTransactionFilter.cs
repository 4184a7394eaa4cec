using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming;

/// <summary>
/// Skips the batches of aborted transactions for <c>read_committed</c>, from the aborted-transaction list a Fetch
/// response carries: a producer's transactional batches from its abort's first offset up to its ABORT marker are
/// dropped (the Java client's <c>CompletedFetch</c> does the same walk).
/// </summary>
internal sealed class AbortedTransactionFilter(List<FetchResponse.AbortedTransaction> aborted)
{
    private readonly FetchResponse.AbortedTransaction[] _aborted = [.. aborted.OrderBy(a => a.FirstOffset)];
    private readonly HashSet<long> _abortedProducers = [];
    private int _next;

    /// <summary>True when the batch belongs to an aborted transaction (or is its ABORT marker) and must be skipped.</summary>
    public bool Skip(RecordBatch batch)
    {
        if (batch.ProducerId < 0)
        {
            return false;
        }

        while (_next < _aborted.Length && _aborted[_next].FirstOffset <= batch.LastOffset)
        {
            _abortedProducers.Add(_aborted[_next++].ProducerId);
        }

        if (batch.IsControl)
        {
            if (IsAbortMarker(batch))
            {
                _abortedProducers.Remove(batch.ProducerId);
            }

            return true;
        }

        return batch.IsTransactional && _abortedProducers.Contains(batch.ProducerId);
    }

    private static bool IsAbortMarker(RecordBatch batch)
    {
        RecordEnumerator records = batch.GetRecords();
        try
        {
            return records.MoveNext() && !records.Current.IsKeyNull && ControlRecords.ReadType(records.Current.Key) == ControlRecordType.Abort;
        }
        finally
        {
            records.Dispose();
        }
    }
}
