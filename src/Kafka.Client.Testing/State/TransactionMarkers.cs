using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.State;

/// <summary>Reading the marker in a stored control batch.</summary>
internal static class TransactionMarkers
{
    /// <summary>True when the control batch holds a commit marker (false for an abort or any other control record).</summary>
    public static bool IsCommit(ReadOnlyMemory<byte> controlBatch)
    {
        foreach (RecordBatch batch in new RecordBatchReader(controlBatch, verifyCrc: false))
        {
            RecordEnumerator records = batch.GetRecords();
            try
            {
                return records.MoveNext() && !records.Current.IsKeyNull && ControlRecords.ReadType(records.Current.Key) == ControlRecordType.Commit;
            }
            finally
            {
                records.Dispose();
            }
        }

        return false;
    }
}
