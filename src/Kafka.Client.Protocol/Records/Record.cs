namespace Kafka.Client.Protocol;

/// <summary>
/// One record as read from a batch: spans over the batch (or its decompressed buffer), valid until the
/// enumerator moves on or is disposed. Legacy (magic 0/1) messages read as records without headers.
/// </summary>
public readonly ref struct Record
{
    private readonly ReadOnlySpan<byte> _headers;

    internal Record(long offset, long timestamp, RecordTimestampType timestampType, ReadOnlySpan<byte> key, bool isKeyNull,
        ReadOnlySpan<byte> value, bool isValueNull, int headerCount, ReadOnlySpan<byte> headers)
    {
        Offset = offset;
        Timestamp = timestamp;
        TimestampType = timestampType;
        Key = key;
        IsKeyNull = isKeyNull;
        Value = value;
        IsValueNull = isValueNull;
        HeaderCount = headerCount;
        _headers = headers;
    }

    /// <summary>The record's offset in the partition.</summary>
    public long Offset { get; }

    /// <summary>The timestamp in Unix milliseconds (the batch's MaxTimestamp for LogAppendTime; -1 for magic 0).</summary>
    public long Timestamp { get; }

    /// <summary>What <see cref="Timestamp"/> means.</summary>
    public RecordTimestampType TimestampType { get; }

    /// <summary>The key bytes (empty when <see cref="IsKeyNull"/>).</summary>
    public ReadOnlySpan<byte> Key { get; }

    /// <summary>Whether the key is null (as opposed to empty).</summary>
    public bool IsKeyNull { get; }

    /// <summary>The value bytes (empty when <see cref="IsValueNull"/>).</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Whether the value is null (a tombstone), as opposed to empty.</summary>
    public bool IsValueNull { get; }

    /// <summary>The number of headers.</summary>
    public int HeaderCount { get; }

    /// <summary>The headers, in order (already validated; iterating allocates nothing).</summary>
    public RecordHeaderEnumerator Headers => new(_headers, HeaderCount);
}
