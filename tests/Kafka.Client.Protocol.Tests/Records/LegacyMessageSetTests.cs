using System.Buffers.Binary;
using System.IO.Compression;

namespace Kafka.Client.Protocol.Tests.Records;

/// <summary>Magic 0 and 1 message sets, built byte by byte from the layout in NOTES.md.</summary>
public class LegacyMessageSetTests
{
    [Test]
    public void Magic_0_message_set_is_read()
    {
        byte[] set = [.. Message(10, 0, 0, 0, "a"u8.ToArray(), "1"u8.ToArray()), .. Message(11, 0, 0, 0, null, "2"u8.ToArray()), .. Message(12, 0, 0, 0, "c"u8.ToArray(), null)];
        List<(RecordBatch Batch, List<(long Offset, TestRecord Record)> Records)> read = ReadAll(set);

        Assert.That(read, Has.Count.EqualTo(3));
        Assert.That(read.Select(r => r.Batch.Magic), Is.All.EqualTo(0));
        Assert.That(read.Select(r => r.Batch.TimestampType), Is.All.EqualTo(RecordTimestampType.NotAvailable));
        Assert.That(read.Select(r => r.Batch.RecordCount), Is.All.EqualTo(1));
        Assert.That(read.Select(r => r.Batch.IsCrcValid), Is.All.True);
        Assert.That(read.SelectMany(r => r.Records).Select(r => r.Offset), Is.EqualTo(new[] { 10L, 11L, 12L }));
        TestRecord[] records = [.. read.SelectMany(r => r.Records).Select(r => r.Record)];
        Assert.That(records[0].SameAs(new TestRecord(-1, "a"u8.ToArray(), "1"u8.ToArray(), [])), Is.True);
        Assert.That(records[1].SameAs(new TestRecord(-1, null, "2"u8.ToArray(), [])), Is.True);
        Assert.That(records[2].SameAs(new TestRecord(-1, "c"u8.ToArray(), null, [])), Is.True);
    }

    [Test]
    public void Magic_1_messages_carry_their_timestamps()
    {
        byte[] set = [.. Message(5, 1, 0, 1000, "k"u8.ToArray(), "v"u8.ToArray()), .. Message(6, 1, 0x08, 2000, null, []), ];
        var read = ReadAll(set);
        Assert.That(read[0].Batch.TimestampType, Is.EqualTo(RecordTimestampType.CreateTime));
        Assert.That(read[1].Batch.TimestampType, Is.EqualTo(RecordTimestampType.LogAppendTime));
        Assert.That(read.Select(r => r.Batch.MaxTimestamp), Is.EqualTo(new[] { 1000L, 2000L }));
        Assert.That(read.SelectMany(r => r.Records).Select(r => (r.Offset, r.Record.Timestamp)), Is.EqualTo(new[] { (5L, 1000L), (6L, 2000L) }));
        Assert.That(read[1].Records[0].Record.Value, Is.Empty);
    }

    [Test]
    public void Gzip_compressed_magic_1_wrapper_has_relative_inner_offsets()
    {
        byte[] inner = [.. Message(0, 1, 0, 1001, "a"u8.ToArray(), "1"u8.ToArray()), .. Message(1, 1, 0, 1003, null, "2"u8.ToArray()), .. Message(2, 1, 0, 1002, "c"u8.ToArray(), null)];
        byte[] wrapper = Message(102, 1, (byte)CompressionCodec.Gzip, 1003, null, Gzip(inner));

        var read = ReadAll(wrapper);
        Assert.That(read, Has.Count.EqualTo(1));
        Assert.That(read[0].Batch.Compression, Is.EqualTo(CompressionCodec.Gzip));
        Assert.That(read[0].Batch.LastOffset, Is.EqualTo(102));
        Assert.That(read[0].Batch.RecordCount, Is.EqualTo(-1));
        Assert.That(read[0].Records.Select(r => (r.Offset, r.Record.Timestamp)), Is.EqualTo(new[] { (100L, 1001L), (101L, 1003L), (102L, 1002L) }));
        Assert.That(read[0].Records[1].Record.Key, Is.Null);
        Assert.That(read[0].Records[2].Record.Value, Is.Null);
    }

    [Test]
    public void Log_append_time_wrapper_overrides_inner_timestamps()
    {
        byte[] inner = [.. Message(0, 1, 0, 1, "a"u8.ToArray(), "1"u8.ToArray()), .. Message(1, 1, 0, 2, "b"u8.ToArray(), "2"u8.ToArray())];
        byte[] wrapper = Message(51, 1, (byte)CompressionCodec.Gzip | 0x08, 9999, null, Gzip(inner));
        Assert.That(ReadAll(wrapper)[0].Records.Select(r => (r.Offset, r.Record.Timestamp)), Is.EqualTo(new[] { (50L, 9999L), (51L, 9999L) }));
    }

    [Test]
    public void Compressed_magic_0_wrapper_has_absolute_inner_offsets()
    {
        byte[] inner = [.. Message(70, 0, 0, 0, "a"u8.ToArray(), "1"u8.ToArray()), .. Message(71, 0, 0, 0, "b"u8.ToArray(), "2"u8.ToArray())];
        byte[] wrapper = Message(71, 0, (byte)CompressionCodec.Gzip, 0, null, Gzip(inner));
        Assert.That(ReadAll(wrapper)[0].Records.Select(r => (r.Offset, r.Record.Timestamp)), Is.EqualTo(new[] { (70L, -1L), (71L, -1L) }));
    }

    [TestCase(CompressionCodec.Snappy)]
    [TestCase(CompressionCodec.Lz4)]
    public void Snappy_and_lz4_wrappers_are_read(CompressionCodec codec)
    {
        byte[] inner = [.. Message(0, 1, 0, 1, "a"u8.ToArray(), "1"u8.ToArray()), .. Message(1, 1, 0, 2, "b"u8.ToArray(), "2"u8.ToArray())];
        byte[] wrapper = Message(9, 1, (byte)codec, 2, null, TestData.Compress(codec, inner));
        Assert.That(ReadAll(wrapper)[0].Records.Select(r => r.Offset), Is.EqualTo(new[] { 8L, 9L }));
    }

    [Test]
    public void Magic_0_lz4_wrapper_with_Kafkas_old_header_checksum_is_read()
    {
        byte[] inner = Message(3, 0, 0, 0, "a"u8.ToArray(), "1"u8.ToArray());
        byte[] frame = TestData.Compress(CompressionCodec.Lz4, inner);
        frame[6] = (byte)(System.IO.Hashing.XxHash32.HashToUInt32(frame.AsSpan(0, 6)) >> 8); // HC over magic + FLG + BD (KAFKA-3160)
        Assert.That(ReadAll(Message(3, 0, (byte)CompressionCodec.Lz4, 0, null, frame))[0].Records.Single().Offset, Is.EqualTo(3));
    }

    [Test]
    public void Magic_0_1_and_2_batches_mix_in_one_blob()
    {
        using var builder = new RecordBatchBuilder(CompressionCodec.Lz4) { BaseOffset = 2 };
        builder.Append(7, "x"u8, "y"u8);
        byte[] blob = [.. Message(0, 0, 0, 0, null, "a"u8.ToArray()), .. Message(1, 1, 0, 5, null, "b"u8.ToArray()), .. builder.Complete().ToArray()];
        var read = ReadAll(blob);
        Assert.That(read.Select(r => r.Batch.Magic), Is.EqualTo(new byte[] { 0, 1, 2 }));
        Assert.That(read.SelectMany(r => r.Records).Select(r => r.Offset), Is.EqualTo(new[] { 0L, 1L, 2L }));
    }

    [Test]
    public void Corrupt_legacy_crc_is_detected()
    {
        byte[] message = Message(0, 1, 0, 5, "k"u8.ToArray(), "v"u8.ToArray());
        message[^1] ^= 1;
        Assert.That(() => ReadAll(message), Throws.TypeOf<KafkaProtocolException>().With.Property("Field").EqualTo("Crc"));
        Assert.That(ReadAll(message, verifyCrc: false)[0].Records.Single().Record.Value, Is.EqualTo("w"u8.ToArray()));

        byte[] inner = Message(0, 1, 0, 1, "a"u8.ToArray(), "1"u8.ToArray());
        inner[^1] ^= 1;
        byte[] wrapper = Message(0, 1, (byte)CompressionCodec.Gzip, 1, null, Gzip(inner));
        Assert.That(() => ReadAll(wrapper), Throws.TypeOf<KafkaProtocolException>().With.Property("Field").EqualTo("Crc"));
    }

    [Test]
    public void Nested_compression_and_zstd_in_legacy_messages_are_rejected()
    {
        byte[] nested = Message(0, 1, (byte)CompressionCodec.Gzip, 1, null, Gzip(Message(0, 1, 0, 1, null, [])));
        Assert.That(() => ReadAll(Message(0, 1, (byte)CompressionCodec.Gzip, 1, null, Gzip(nested))), Throws.TypeOf<KafkaProtocolException>());
        Assert.That(() => ReadAll(Message(0, 1, (byte)CompressionCodec.Zstd, 1, null, TestData.Compress(CompressionCodec.Zstd, nested))), Throws.TypeOf<KafkaProtocolException>());
    }

    /// <summary>Offset | Size | CRC | Magic | Attributes | [Timestamp] | Key | Value, with CRC-32 (IEEE) over magic..end.</summary>
    internal static byte[] Message(long offset, byte magic, byte attributes, long timestamp, byte[]? key, byte[]? value)
    {
        var body = new List<byte> { magic, attributes };
        if (magic == 1)
        {
            body.AddRange(BigEndian(timestamp));
        }

        body.AddRange(BigEndian(key?.Length ?? -1));
        body.AddRange(key ?? []);
        body.AddRange(BigEndian(value?.Length ?? -1));
        body.AddRange(value ?? []);
        byte[] crc = BigEndian((int)BitwiseCrc32([.. body]));
        return [.. BigEndian(offset), .. BigEndian(body.Count + 4), .. crc, .. body];
    }

    internal static List<(RecordBatch Batch, List<(long Offset, TestRecord Record)> Records)> ReadAll(byte[] blob, bool verifyCrc = true)
    {
        var result = new List<(RecordBatch, List<(long, TestRecord)>)>();
        foreach (RecordBatch batch in new RecordBatchReader(blob, verifyCrc))
        {
            result.Add((batch, TestRecord.Read(batch)));
        }

        return result;
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>CRC-32 (IEEE 802.3) from its definition: reflected polynomial 0xEDB88320.</summary>
    private static uint BitwiseCrc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
