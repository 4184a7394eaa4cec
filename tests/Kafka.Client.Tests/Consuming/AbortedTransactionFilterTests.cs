using System.Buffers;
using Kafka.Client.Consuming;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Tests.Consuming;

/// <summary>
/// read_committed filtering of a fetched log (the embedded broker has no transactions yet, so the log is built here
/// as a broker would return it: transactional batches, markers and the aborted-transaction list).
/// </summary>
public class AbortedTransactionFilterTests
{
    [Test]
    public void Aborted_batches_and_all_control_batches_are_skipped_committed_and_plain_ones_kept()
    {
        var log = new ArrayBufferWriter<byte>();
        Append(log, baseOffset: 0, producerId: 1, transactional: true, "committed-0", "committed-1");
        Append(log, baseOffset: 2, producerId: 2, transactional: true, "aborted-2", "aborted-3");
        ControlRecords.WriteEndTransactionMarkerBatch(log, 4, 0, 2, 0, new EndTransactionMarker(ControlRecordType.Abort, 0));
        ControlRecords.WriteEndTransactionMarkerBatch(log, 5, 0, 1, 0, new EndTransactionMarker(ControlRecordType.Commit, 0));
        Append(log, baseOffset: 6, producerId: -1, transactional: false, "plain-6");
        Append(log, baseOffset: 7, producerId: 2, transactional: true, "later-7");
        ControlRecords.WriteEndTransactionMarkerBatch(log, 8, 0, 2, 0, new EndTransactionMarker(ControlRecordType.Commit, 0));

        var filter = new AbortedTransactionFilter([new FetchResponse.AbortedTransaction { ProducerId = 2, FirstOffset = 2 }]);
        var state = new PartitionState(new TopicPartition("t", 0));
        var fetched = new FetchedPartition(state, state.Version, log.WrittenMemory, filter, verifyCrc: true);
        var materializer = new RecordMaterializer<Ignore, string>(Deserializers.Ignore!, Deserializers.Utf8!);
        var kept = new List<PendingRecord<Ignore, string>>();
        while (fetched.TryNextBatch(out RecordBatch batch))
        {
            if (!fetched.Aborted!.Skip(batch) && !batch.IsControl)
            {
                materializer.Materialize(state.TopicPartition, batch, 0, kept);
            }
        }

        Assert.That(kept.Select(r => r.Result!.Value), Is.EqualTo(new[] { "committed-0", "committed-1", "plain-6", "later-7" }),
            "producer 2's transaction from offset 2 is aborted up to its marker; its next transaction is not");
    }

    private static void Append(ArrayBufferWriter<byte> log, long baseOffset, long producerId, bool transactional, params string[] values)
    {
        using var builder = new RecordBatchBuilder { BaseOffset = baseOffset, ProducerId = producerId, ProducerEpoch = (short)(producerId < 0 ? -1 : 0), IsTransactional = transactional, BaseSequence = producerId < 0 ? -1 : 0 };
        foreach (string value in values)
        {
            builder.Append(0, [], keyIsNull: true, System.Text.Encoding.UTF8.GetBytes(value), valueIsNull: false);
        }

        log.Write(builder.Complete().Span);
    }
}
