namespace Kafka.Client.Protocol.Tests.Records;

public class ControlRecordsTests
{
    [TestCase(ControlRecordType.Commit)]
    [TestCase(ControlRecordType.Abort)]
    public void End_transaction_marker_batch_round_trips(ControlRecordType type)
    {
        using var writer = new PooledBufferWriter();
        var marker = new EndTransactionMarker(type, coordinatorEpoch: 5);
        ControlRecords.WriteEndTransactionMarkerBatch(writer, baseOffset: 42, timestampMs: 1234, producerId: 9, producerEpoch: 3, marker, partitionLeaderEpoch: 8);

        RecordBatch batch = RecordBatchRoundTripTests.Single(writer.WrittenMemory);
        Assert.Multiple(() =>
        {
            Assert.That(batch.IsControl, Is.True);
            Assert.That(batch.IsTransactional, Is.True);
            Assert.That((batch.BaseOffset, batch.ProducerId, batch.ProducerEpoch, batch.BaseSequence), Is.EqualTo((42L, 9L, (short)3, -1)));
            Assert.That(batch.PartitionLeaderEpoch, Is.EqualTo(8));
            Assert.That(batch.RecordCount, Is.EqualTo(1));
            Assert.That(batch.Compression, Is.EqualTo(CompressionCodec.None));
        });

        foreach (Record record in batch.GetRecords())
        {
            Assert.That(record.Key.ToArray(), Is.EqualTo(new byte[] { 0, 0, 0, (byte)type }));
            Assert.That(record.Value.ToArray(), Is.EqualTo(new byte[] { 0, 0, 0, 0, 0, 5 }));
            Assert.That(ControlRecords.ReadType(record.Key), Is.EqualTo(type));
            Assert.That(ControlRecords.ReadEndTransactionMarker(record.Key, record.Value), Is.EqualTo(marker));
            Assert.That(record.Offset, Is.EqualTo(42));
            Assert.That(record.Timestamp, Is.EqualTo(1234));
        }
    }

    [Test]
    public void Newer_marker_versions_with_more_fields_are_read()
    {
        byte[] value = [0, 1, 0, 0, 0, 7, 0xAA, 0xBB];
        Assert.That(ControlRecords.ReadEndTransactionMarker([0, 0, 0, 1], value), Is.EqualTo(new EndTransactionMarker(ControlRecordType.Commit, 7)));
        Assert.That(ControlRecords.ReadType([0, 0, 0, 6]), Is.EqualTo(ControlRecordType.KRaftVoters));
    }

    [Test]
    public void Malformed_control_records_are_protocol_errors()
    {
        Assert.That(() => ControlRecords.ReadType([0, 0, 1]), Throws.TypeOf<KafkaProtocolException>());
        Assert.That(() => ControlRecords.ReadType([0xFF, 0xFF, 0, 1]), Throws.TypeOf<KafkaProtocolException>());
        Assert.That(() => ControlRecords.ReadEndTransactionMarker([0, 0, 0, 2], [0, 0, 0, 0, 0, 1]), Throws.TypeOf<KafkaProtocolException>());
        Assert.That(() => ControlRecords.ReadEndTransactionMarker([0, 0, 0, 1], [0, 0, 0, 0, 0]), Throws.TypeOf<KafkaProtocolException>());
        Assert.That(() => new EndTransactionMarker(ControlRecordType.LeaderChange, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
