using System.Buffers.Binary;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Tests;

/// <summary>
/// Hand-built record batches (magic 2, uncompressed) for broker tests, written straight from the layout in
/// Kafka's DefaultRecordBatch so the broker is tested independently of the client's batch builder.
/// </summary>
internal static class Batches
{
    public static byte[] Build(int count, long producerId = -1, short epoch = -1, int baseSequence = -1, long timestamp = 1_700_000_000_000, int valueSize = 10, long timestampStep = 0)
    {
        var records = new List<byte>();
        Span<byte> varint = stackalloc byte[10];
        for (int i = 0; i < count; i++)
        {
            var body = new List<byte> { 0 };
            Add(body, varint[..VarInt.Write(varint, i * timestampStep)]);
            Add(body, varint[..VarInt.Write(varint, i)]);
            Add(body, varint[..VarInt.Write(varint, -1)]);
            Add(body, varint[..VarInt.Write(varint, valueSize)]);
            for (int b = 0; b < valueSize; b++)
            {
                body.Add((byte)(i + b));
            }

            Add(body, varint[..VarInt.Write(varint, 0)]);
            Add(records, varint[..VarInt.Write(varint, body.Count)]);
            records.AddRange(body);
        }

        byte[] batch = new byte[61 + records.Count];
        Span<byte> s = batch;
        BinaryPrimitives.WriteInt64BigEndian(s, 0);
        BinaryPrimitives.WriteInt32BigEndian(s[8..], batch.Length - 12);
        BinaryPrimitives.WriteInt32BigEndian(s[12..], -1);
        s[16] = 2;
        BinaryPrimitives.WriteInt16BigEndian(s[21..], 0);
        BinaryPrimitives.WriteInt32BigEndian(s[23..], count - 1);
        BinaryPrimitives.WriteInt64BigEndian(s[27..], timestamp);
        BinaryPrimitives.WriteInt64BigEndian(s[35..], timestamp + ((count - 1) * timestampStep));
        BinaryPrimitives.WriteInt64BigEndian(s[43..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(s[51..], epoch);
        BinaryPrimitives.WriteInt32BigEndian(s[53..], baseSequence);
        BinaryPrimitives.WriteInt32BigEndian(s[57..], count);
        records.CopyTo(batch, 61);
        BinaryPrimitives.WriteUInt32BigEndian(s[17..], Crc32C.Compute(s[21..]));
        return batch;
    }

    private static void Add(List<byte> list, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            list.Add(b);
        }
    }
}
