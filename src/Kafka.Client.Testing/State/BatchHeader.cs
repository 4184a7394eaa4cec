using System.Buffers.Binary;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.State;

/// <summary>
/// The few fields of a record batch v2 header the broker reads straight from stored bytes, without parsing the
/// batch (layout from Kafka's DefaultRecordBatch: see shared/kafka-protocol/NOTES.md). Changes to stored
/// batches go through the codec's <see cref="RecordBatchRewriter"/>.
/// </summary>
internal static class BatchHeader
{
    public const int Size = 61;
    public const int LengthOffset = 8;
    public const int PartitionLeaderEpochOffset = 12;
    public const int MagicOffset = 16;
    public const int CrcOffset = 17;
    public const int AttributesOffset = 21;
    public const int LastOffsetDeltaOffset = 23;
    public const int BaseTimestampOffset = 27;
    public const int MaxTimestampOffset = 35;
    public const int ProducerIdOffset = 43;
    public const int ProducerEpochOffset = 51;
    public const int BaseSequenceOffset = 53;
    public const int RecordCountOffset = 57;

    public static long BaseOffset(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt64BigEndian(b);

    public static int BatchLength(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt32BigEndian(b[LengthOffset..]);

    public static int PartitionLeaderEpoch(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt32BigEndian(b[PartitionLeaderEpochOffset..]);

    public static byte Magic(ReadOnlySpan<byte> b) => b[MagicOffset];

    public static short Attributes(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt16BigEndian(b[AttributesOffset..]);

    public static int LastOffsetDelta(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt32BigEndian(b[LastOffsetDeltaOffset..]);

    public static long BaseTimestamp(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt64BigEndian(b[BaseTimestampOffset..]);

    public static long MaxTimestamp(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt64BigEndian(b[MaxTimestampOffset..]);

    public static long ProducerId(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt64BigEndian(b[ProducerIdOffset..]);

    public static short ProducerEpoch(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt16BigEndian(b[ProducerEpochOffset..]);

    public static int BaseSequence(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt32BigEndian(b[BaseSequenceOffset..]);

    public static int RecordCount(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt32BigEndian(b[RecordCountOffset..]);

    public static bool IsTransactional(ReadOnlySpan<byte> b) => (Attributes(b) & 0x10) != 0;

    public static bool IsControl(ReadOnlySpan<byte> b) => (Attributes(b) & 0x20) != 0;

    public static uint StoredCrc(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt32BigEndian(b[CrcOffset..]);

    public static uint ComputeCrc(ReadOnlySpan<byte> b) => Crc32C.Compute(b[AttributesOffset..]);

    /// <summary>Checks a batch as the broker receives it; returns the problem, or null when it is sound.</summary>
    public static string? Validate(ReadOnlySpan<byte> b)
    {
        if (b.Length < Size)
        {
            return $"batch of {b.Length} bytes is shorter than the {Size}-byte header";
        }

        if (Magic(b) != 2)
        {
            return $"magic {Magic(b)} is not 2";
        }

        if (BatchLength(b) + 12 != b.Length)
        {
            return $"batch length {BatchLength(b)} does not match its {b.Length - 12} bytes";
        }

        if (StoredCrc(b) != ComputeCrc(b))
        {
            return "CRC-32C mismatch";
        }

        int count = RecordCount(b);
        // Kafka's LogValidator: a batch holds at least one record and its offsets are exactly 0..count-1.
        if (count < 1 || LastOffsetDelta(b) != count - 1)
        {
            return $"record count {count} and last offset delta {LastOffsetDelta(b)} disagree";
        }

        return null;
    }

    /// <summary>Splits a records blob into batches; returns false (with the problem) when a batch is cut or malformed.</summary>
    public static bool TrySplit(ReadOnlyMemory<byte> records, List<ReadOnlyMemory<byte>> batches, out string? problem)
    {
        ReadOnlySpan<byte> span = records.Span;
        int position = 0;
        while (position < span.Length)
        {
            if (span.Length - position < 12)
            {
                problem = "a batch is cut off before its length";
                return false;
            }

            int length = BinaryPrimitives.ReadInt32BigEndian(span[(position + LengthOffset)..]);
            if (length < Size - 12 || length > span.Length - position - 12)
            {
                problem = $"batch length {length} does not fit the {span.Length - position - 12} bytes left";
                return false;
            }

            batches.Add(records.Slice(position, length + 12));
            position += length + 12;
        }

        problem = null;
        return true;
    }

    /// <summary>True when <paramref name="b"/> starts like a batch but is not a whole, valid one (a torn write).</summary>
    public static bool IsWhole(ReadOnlySpan<byte> b) =>
        b.Length >= Size && BatchLength(b) >= Size - 12 && BatchLength(b) + 12 <= b.Length && Validate(b[..(BatchLength(b) + 12)]) is null;
}
