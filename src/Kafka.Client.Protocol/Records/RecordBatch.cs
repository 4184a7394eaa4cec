using System.Buffers.Binary;
using L = Kafka.Client.Protocol.RecordBatchLayout;

namespace Kafka.Client.Protocol;

/// <summary>
/// One batch of a records blob, read lazily: a record batch (magic 2), or a legacy message (magic 0/1, which
/// may be a compressed wrapper holding a whole inner message set). Get one from <see cref="RecordBatchReader"/>.
/// </summary>
/// <remarks>
/// Header properties read the bytes on each call. For legacy messages the v2-only fields read as Kafka's
/// "none" values (-1). A compressed legacy wrapper carries the offset of its last inner message, so its
/// <see cref="BaseOffset"/> equals <see cref="LastOffset"/>; the records carry their own offsets.
/// </remarks>
public readonly struct RecordBatch
{
    internal RecordBatch(ReadOnlyMemory<byte> memory)
    {
        Memory = memory;
    }

    /// <summary>The whole batch as received, from BaseOffset to its last byte.</summary>
    public ReadOnlyMemory<byte> Memory { get; }

    private ReadOnlySpan<byte> Span => Memory.Span;

    /// <summary>The format: 2 for record batches, 0 or 1 for legacy messages.</summary>
    public byte Magic => Span[L.Magic];

    /// <summary>The offset of the first record (legacy: the message's offset).</summary>
    public long BaseOffset => BinaryPrimitives.ReadInt64BigEndian(Span);

    /// <summary>The Length field: the bytes after it (total size - 12).</summary>
    public int Length => BinaryPrimitives.ReadInt32BigEndian(Span[L.Length..]);

    /// <summary>The partition leader epoch, or -1 (always -1 for legacy messages).</summary>
    public int PartitionLeaderEpoch => Magic == 2 ? BinaryPrimitives.ReadInt32BigEndian(Span[L.PartitionLeaderEpoch..]) : -1;

    /// <summary>The stored checksum: CRC-32C for magic 2, CRC-32 (IEEE) for legacy messages.</summary>
    public uint Crc => BinaryPrimitives.ReadUInt32BigEndian(Span[(Magic == 2 ? L.Crc : L.LegacyCrc)..]);

    /// <summary>The attributes (a legacy message's attribute byte, widened).</summary>
    public short Attributes => Magic == 2 ? BinaryPrimitives.ReadInt16BigEndian(Span[L.Attributes..]) : Span[L.LegacyAttributes];

    /// <summary>The compression codec of the records (attribute bits 0-2); not checked here, see <see cref="GetRecords"/>.</summary>
    public CompressionCodec Compression => (CompressionCodec)(Attributes & L.CompressionMask);

    /// <summary>The timestamp type; <see cref="RecordTimestampType.NotAvailable"/> for magic 0.</summary>
    public RecordTimestampType TimestampType => Magic == 0
        ? RecordTimestampType.NotAvailable
        : (Attributes & L.TimestampTypeFlag) != 0 ? RecordTimestampType.LogAppendTime : RecordTimestampType.CreateTime;

    /// <summary>Whether the batch belongs to a transaction.</summary>
    public bool IsTransactional => Magic == 2 && (Attributes & L.TransactionalFlag) != 0;

    /// <summary>Whether the batch holds control records (transaction markers and the like).</summary>
    public bool IsControl => Magic == 2 && (Attributes & L.ControlFlag) != 0;

    /// <summary>Whether compaction set a delete horizon (BaseTimestamp then holds it).</summary>
    public bool HasDeleteHorizon => Magic == 2 && (Attributes & L.DeleteHorizonFlag) != 0;

    /// <summary>The last record's offset minus BaseOffset (0 for legacy messages).</summary>
    public int LastOffsetDelta => Magic == 2 ? BinaryPrimitives.ReadInt32BigEndian(Span[L.LastOffsetDelta..]) : 0;

    /// <summary>The offset of the last record.</summary>
    public long LastOffset => BaseOffset + LastOffsetDelta;

    /// <summary>The offset after the batch.</summary>
    public long NextOffset => LastOffset + 1;

    /// <summary>The first record's timestamp (legacy v1: the message's; v0: -1).</summary>
    public long BaseTimestamp => Magic switch
    {
        2 => BinaryPrimitives.ReadInt64BigEndian(Span[L.BaseTimestamp..]),
        1 => BinaryPrimitives.ReadInt64BigEndian(Span[L.LegacyTimestamp..]),
        _ => -1,
    };

    /// <summary>The largest timestamp (or the log append time) of the batch.</summary>
    public long MaxTimestamp => Magic == 2 ? BinaryPrimitives.ReadInt64BigEndian(Span[L.MaxTimestamp..]) : BaseTimestamp;

    /// <summary>The producer id, or -1.</summary>
    public long ProducerId => Magic == 2 ? BinaryPrimitives.ReadInt64BigEndian(Span[L.ProducerId..]) : -1;

    /// <summary>The producer epoch, or -1.</summary>
    public short ProducerEpoch => Magic == 2 ? BinaryPrimitives.ReadInt16BigEndian(Span[L.ProducerEpoch..]) : (short)-1;

    /// <summary>The first record's sequence number, or -1.</summary>
    public int BaseSequence => Magic == 2 ? BinaryPrimitives.ReadInt32BigEndian(Span[L.BaseSequence..]) : -1;

    /// <summary>The last record's sequence number (BaseSequence + LastOffsetDelta, wrapping), or -1 without a producer.</summary>
    public int LastSequence => BaseSequence == -1 ? -1 : IncrementSequence(BaseSequence, LastOffsetDelta);

    /// <summary>
    /// Adds to a producer sequence number the way Kafka does: past <see cref="int.MaxValue"/> it wraps to 0
    /// (DefaultRecordBatch.incrementSequence).
    /// </summary>
    /// <param name="sequence">A sequence number (0 or more).</param>
    /// <param name="increment">How much to add (0 or more).</param>
    public static int IncrementSequence(int sequence, int increment) =>
        sequence > int.MaxValue - increment ? increment - (int.MaxValue - sequence) - 1 : sequence + increment;

    /// <summary>
    /// The number of records the header declares; a legacy message counts 1, a compressed legacy wrapper -1 (unknown until read).
    /// </summary>
    public int RecordCount => Magic == 2
        ? BinaryPrimitives.ReadInt32BigEndian(Span[L.RecordCount..])
        : (Attributes & L.CompressionMask) == 0 ? 1 : -1;

    /// <summary>Whether the stored checksum matches the bytes.</summary>
    public bool IsCrcValid => Crc == ComputeCrc();

    /// <summary>Throws when the stored checksum does not match the bytes.</summary>
    /// <exception cref="KafkaProtocolException">The CRC does not match (field <c>Crc</c>).</exception>
    public void VerifyCrc()
    {
        uint computed = ComputeCrc();
        if (computed != Crc)
        {
            RecordErrors.CrcMismatch(Magic, Crc, computed);
        }
    }

    /// <summary>
    /// Enumerates the records, decompressing them first (once, into a pooled buffer the enumerator owns) when the
    /// batch is compressed. Dispose the enumerator (<c>foreach</c> does) to return the buffer.
    /// </summary>
    /// <param name="maxDecompressedLength">The most bytes decompression may produce before the batch counts as corrupt.</param>
    /// <exception cref="KafkaProtocolException">The batch is malformed or its compressed data corrupt.</exception>
    public RecordEnumerator GetRecords(int maxDecompressedLength = CompressionCodecs.DefaultMaxDecompressedLength) =>
        Magic == 2 ? RecordEnumerator.ForBatch(this, maxDecompressedLength) : RecordEnumerator.ForLegacy(this, maxDecompressedLength);

    private uint ComputeCrc() => Magic == 2
        ? Crc32C.Compute(Span[L.Attributes..])
        : System.IO.Hashing.Crc32.HashToUInt32(Span[L.Magic..]);
}
