using System.Runtime.CompilerServices;
using System.Text;
using L = Kafka.Client.Protocol.RecordBatchLayout;

namespace Kafka.Client.Protocol;

/// <summary>
/// Encodes a record batch (magic 2) straight into a pooled buffer: append records, then <see cref="Complete"/>
/// writes the 61-byte header, compresses the records when a codec is set, and fills Length and the CRC-32C.
/// </summary>
/// <remarks>
/// Appending allocates nothing per record. The header fields (<see cref="BaseOffset"/>, producer state, flags)
/// are written by <see cref="Complete"/>, so they may be set at any time before it. Not thread-safe.
/// Dispose the builder to return its buffers; <see cref="Reset"/> reuses them for another batch.
/// </remarks>
public sealed partial class RecordBatchBuilder : IDisposable
{
    private readonly PooledBufferWriter _records;
    private PooledBufferWriter? _compressed;
    private ReadOnlyMemory<byte> _completed;
    private bool _isCompleted;
    private int _count;
    private long _baseTimestamp = -1;
    private long _maxTimestamp = -1;
    private RecordTimestampType _timestampType = RecordTimestampType.CreateTime;

    /// <summary>Creates a builder.</summary>
    /// <param name="compression">The codec for the records region.</param>
    /// <param name="compressionLevel">The codec's Kafka level, or null for Kafka's default.</param>
    /// <param name="initialCapacity">Initial buffer size in bytes (it grows as needed).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="compression"/> is unknown.</exception>
    public RecordBatchBuilder(CompressionCodec compression = CompressionCodec.None, int? compressionLevel = null, int initialCapacity = 16 * 1024)
    {
        _ = CompressionCodecs.Get(compression);
        Compression = compression;
        CompressionLevel = compressionLevel;
        _records = new PooledBufferWriter(Math.Max(initialCapacity, L.HeaderSize));
        _records.Advance(L.HeaderSize);
    }

    /// <summary>The codec the records are compressed with.</summary>
    public CompressionCodec Compression { get; }

    /// <summary>The codec level, or null for Kafka's default.</summary>
    public int? CompressionLevel { get; }

    /// <summary>The offset of the first record (the broker assigns the real one). Default 0.</summary>
    public long BaseOffset { get; set; }

    /// <summary>The partition leader epoch; producers write -1 (the default).</summary>
    public int PartitionLeaderEpoch { get; set; } = -1;

    /// <summary>The idempotent producer id, or -1 (the default) for none.</summary>
    public long ProducerId { get; set; } = -1;

    /// <summary>The producer epoch, or -1 (the default).</summary>
    public short ProducerEpoch { get; set; } = -1;

    /// <summary>The sequence number of the first record, or -1 (the default).</summary>
    public int BaseSequence { get; set; } = -1;

    /// <summary>Whether the batch is part of a transaction (attribute bit 4).</summary>
    public bool IsTransactional { get; set; }

    /// <summary>Whether the batch holds control records (attribute bit 5).</summary>
    public bool IsControl { get; set; }

    /// <summary>The timestamp type written in the attributes; <see cref="RecordTimestampType.CreateTime"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is <see cref="RecordTimestampType.NotAvailable"/>.</exception>
    public RecordTimestampType TimestampType
    {
        get => _timestampType;
        set
        {
            if (value is not (RecordTimestampType.CreateTime or RecordTimestampType.LogAppendTime))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A batch is CreateTime or LogAppendTime.");
            }

            _timestampType = value;
        }
    }

    /// <summary>Records appended so far.</summary>
    public int Count => _count;

    /// <summary>The first record's timestamp, or -1 when empty.</summary>
    public long BaseTimestamp => _baseTimestamp;

    /// <summary>The largest timestamp appended, or -1 when empty.</summary>
    public long MaxTimestamp => _maxTimestamp;

    /// <summary>The batch size so far without compression: header plus encoded records.</summary>
    public int UncompressedSizeInBytes => _records.WrittenCount;

    /// <summary>
    /// The expected compressed/uncompressed ratio of the records region, used by <see cref="EstimatedSizeInBytes"/>.
    /// Default 1 (no gain assumed), as Kafka's producer starts with; a producer may adapt it from completed batches.
    /// </summary>
    public double EstimatedCompressionRatio { get; set; } = 1.0;

    /// <summary>The expected size of the completed batch, for deciding when a batch is full.</summary>
    public int EstimatedSizeInBytes => Compression == CompressionCodec.None
        ? _records.WrittenCount
        : L.HeaderSize + (int)Math.Min(int.MaxValue - L.HeaderSize, (_records.WrittenCount - L.HeaderSize) * EstimatedCompressionRatio);

    /// <summary>Whether <see cref="Complete"/> has been called since creation or the last <see cref="Reset"/>.</summary>
    public bool IsCompleted => _isCompleted;

    /// <summary>Appends a record with a non-null key and value.</summary>
    /// <returns>The record's offset delta.</returns>
    public int Append(long timestampMs, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ReadOnlySpan<RecordHeader> headers = default) =>
        Append(timestampMs, key, keyIsNull: false, value, valueIsNull: false, headers);

    /// <summary>Appends a record; allocates nothing.</summary>
    /// <param name="timestampMs">The record timestamp in Unix milliseconds.</param>
    /// <param name="key">The key bytes (ignored when <paramref name="keyIsNull"/>).</param>
    /// <param name="keyIsNull">Write a null key.</param>
    /// <param name="value">The value bytes (ignored when <paramref name="valueIsNull"/>).</param>
    /// <param name="valueIsNull">Write a null value (a tombstone).</param>
    /// <param name="headers">The record headers, in order.</param>
    /// <returns>The record's offset delta.</returns>
    /// <exception cref="InvalidOperationException">The batch is completed, or would exceed the largest buffer.</exception>
    /// <exception cref="ArgumentException">A header has no key (a default <see cref="RecordHeader"/>).</exception>
    public int Append(long timestampMs, ReadOnlySpan<byte> key, bool keyIsNull, ReadOnlySpan<byte> value, bool valueIsNull, ReadOnlySpan<RecordHeader> headers = default)
    {
        if (_isCompleted)
        {
            ThrowCompleted();
        }

        long timestampDelta = _count == 0 ? 0 : timestampMs - _baseTimestamp;
        int offsetDelta = _count;
        long bodySize = 1L + VarInt.SizeOf(timestampDelta) + VarInt.SizeOf(offsetDelta)
            + (keyIsNull ? 1 : VarInt.SizeOf(key.Length) + (long)key.Length)
            + (valueIsNull ? 1 : VarInt.SizeOf(value.Length) + (long)value.Length)
            + VarInt.SizeOf(headers.Length) + (headers.IsEmpty ? 0 : HeadersSize(headers));
        long recordSize = VarInt.SizeOf((int)Math.Min(bodySize, int.MaxValue)) + bodySize;
        if (_records.WrittenCount + recordSize > Array.MaxLength)
        {
            ThrowTooLarge();
        }

        int size = (int)recordSize;
        Span<byte> span = _records.GetSpan(size);
        int p = VarInt.Write(span, (int)bodySize);
        span[p++] = 0; // record attributes (unused)
        p += VarInt.Write(span[p..], timestampDelta);
        p += VarInt.Write(span[p..], offsetDelta);
        p = WriteBytes(span, p, key, keyIsNull);
        p = WriteBytes(span, p, value, valueIsNull);
        p += VarInt.Write(span[p..], headers.Length);
        foreach (ref readonly RecordHeader header in headers)
        {
            int keyLength = Encoding.UTF8.GetByteCount(header.Key);
            p += VarInt.Write(span[p..], keyLength);
            p += Encoding.UTF8.GetBytes(header.Key, span[p..]);
            p = WriteBytes(span, p, header.Value.Span, header.IsValueNull);
        }

        _records.Advance(size);
        if (_count == 0)
        {
            _baseTimestamp = timestampMs;
            _maxTimestamp = timestampMs;
        }
        else if (timestampMs > _maxTimestamp)
        {
            _maxTimestamp = timestampMs;
        }

        _count++;
        return offsetDelta;
    }

    /// <summary>
    /// An upper bound of the bytes a record adds to the batch before compression, to check that it fits before appending.
    /// </summary>
    public static int EstimateRecordSize(int keyLength, int valueLength, ReadOnlySpan<RecordHeader> headers = default)
    {
        long size = VarInt.MaxLength32 + 1 + VarInt.MaxLength64 + VarInt.MaxLength32
            + VarInt.MaxLength32 + Math.Max(keyLength, 0) + VarInt.MaxLength32 + Math.Max(valueLength, 0)
            + VarInt.MaxLength32 + (headers.IsEmpty ? 0 : HeadersSize(headers));
        return (int)Math.Min(size, int.MaxValue);
    }

    private static long HeadersSize(ReadOnlySpan<RecordHeader> headers)
    {
        long size = 0;
        foreach (ref readonly RecordHeader header in headers)
        {
            if (header.Key is null)
            {
                throw new ArgumentException("A record header needs a key.", nameof(headers));
            }

            int keyLength = Encoding.UTF8.GetByteCount(header.Key);
            size += VarInt.SizeOf(keyLength) + keyLength;
            size += header.IsValueNull ? 1 : VarInt.SizeOf(header.Value.Length) + header.Value.Length;
        }

        return size;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteBytes(Span<byte> span, int p, ReadOnlySpan<byte> bytes, bool isNull)
    {
        if (isNull)
        {
            span[p] = 1; // zigzag(-1)
            return p + 1;
        }

        p += VarInt.Write(span[p..], bytes.Length);
        bytes.CopyTo(span[p..]);
        return p + bytes.Length;
    }
}
