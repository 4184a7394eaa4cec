namespace Kafka.Client.Protocol.Tests.Records;

/// <summary>Byte-exact checks against the layout in NOTES.md, computed by hand.</summary>
public class RecordBatchGoldenTests
{
    /// <summary>One record, key "k", value "v", timestamp 1000, base offset 0, no producer.</summary>
    private static readonly byte[] TinyBatch =
    [
        0, 0, 0, 0, 0, 0, 0, 0,                   // BaseOffset 0
        0, 0, 0, 58,                              // Length = 70 - 12
        0xFF, 0xFF, 0xFF, 0xFF,                   // PartitionLeaderEpoch -1
        2,                                        // Magic
        0x71, 0x6A, 0x61, 0x89,                   // CRC-32C of bytes 21..69 (see BitwiseCrc32C below)
        0, 0,                                     // Attributes: no compression, CreateTime
        0, 0, 0, 0,                               // LastOffsetDelta 0
        0, 0, 0, 0, 0, 0, 0x03, 0xE8,             // BaseTimestamp 1000
        0, 0, 0, 0, 0, 0, 0x03, 0xE8,             // MaxTimestamp 1000
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, // ProducerId -1
        0xFF, 0xFF,                               // ProducerEpoch -1
        0xFF, 0xFF, 0xFF, 0xFF,                   // BaseSequence -1
        0, 0, 0, 1,                               // RecordCount 1
        0x10,                                     // record Length varint: zigzag(8) = 16
        0x00,                                     // attributes
        0x00,                                     // TimestampDelta 0
        0x00,                                     // OffsetDelta 0
        0x02, (byte)'k',                          // KeyLength 1, key
        0x02, (byte)'v',                          // ValueLength 1, value
        0x00,                                     // HeaderCount 0
    ];

    [Test]
    public void Tiny_uncompressed_batch_matches_the_hand_computed_bytes()
    {
        Assert.That(BitwiseCrc32C(TinyBatch.AsSpan(21)), Is.EqualTo(0x716A6189u));

        using var builder = new RecordBatchBuilder();
        builder.Append(1000, "k"u8, "v"u8);
        Assert.That(builder.Complete().ToArray(), Is.EqualTo(TinyBatch));
    }

    [Test]
    public void Tiny_batch_reads_back_from_the_hand_computed_bytes()
    {
        RecordBatch batch = RecordBatchRoundTripTests.Single(TinyBatch);
        Assert.That(batch.Crc, Is.EqualTo(0x716A6189u));
        RecordEnumerator records = batch.GetRecords();
        Assert.That(records.MoveNext(), Is.True);
        Record record = records.Current;
        Assert.That((record.Offset, record.Timestamp, record.Key.ToArray(), record.Value.ToArray(), record.HeaderCount),
            Is.EqualTo((0L, 1000L, "k"u8.ToArray(), "v"u8.ToArray(), 0)));
        Assert.That(records.MoveNext(), Is.False);
        records.Dispose();
    }

    [Test]
    public void Header_with_null_value_is_encoded_as_minus_one()
    {
        using var builder = new RecordBatchBuilder();
        builder.Append(5, default, keyIsNull: true, "v"u8, valueIsNull: false, [RecordHeader.WithNullValue("h"), new RecordHeader("i", "x"u8.ToArray())]);
        byte[] records = builder.Complete()[61..].ToArray();
        // Length 14 | attrs | ts delta | offset delta | key -1 | value 1 "v" | 2 headers | "h" -1 | "i" 1 "x"
        Assert.That(records, Is.EqualTo(new byte[] { 0x1C, 0, 0, 0, 0x01, 0x02, (byte)'v', 0x04, 0x02, (byte)'h', 0x01, 0x02, (byte)'i', 0x02, (byte)'x' }));
    }

    [Test]
    public void Crc32C_matches_the_standard_check_value_and_the_bitwise_definition()
    {
        Assert.That(Crc32C.Compute("123456789"u8), Is.EqualTo(0xE3069283u));
        byte[] data = TestData.Random(1000);
        for (int length = 0; length < 40; length++)
        {
            Assert.That(Crc32C.Compute(data.AsSpan(length, 900 - length)), Is.EqualTo(BitwiseCrc32C(data.AsSpan(length, 900 - length))));
            Assert.That(~Crc32C.UpdateWithTable(uint.MaxValue, data.AsSpan(0, length)), Is.EqualTo(BitwiseCrc32C(data.AsSpan(0, length))));
        }
    }

    /// <summary>CRC-32C straight from its definition: reflected polynomial 0x82F63B78, init and final xor all ones.</summary>
    internal static uint BitwiseCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
            }
        }

        return ~crc;
    }
}
