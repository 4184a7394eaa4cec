namespace Kafka.Client.Protocol;

/// <summary>A header to write with a record: a UTF-8 key (never null) and a value that may be null.</summary>
/// <remarks>
/// Pass a span of these to <see cref="RecordBatchBuilder.Append(long, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{RecordHeader})"/>;
/// nothing is copied or allocated.
/// </remarks>
public readonly struct RecordHeader
{
    /// <summary>Creates a header with a non-null value.</summary>
    /// <param name="key">The header key, written as UTF-8.</param>
    /// <param name="value">The value (may be empty).</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public RecordHeader(string key, ReadOnlyMemory<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        Value = value;
    }

    /// <summary>Creates a header whose value is null when <paramref name="value"/> is null.</summary>
    /// <param name="key">The header key, written as UTF-8.</param>
    /// <param name="value">The value, or null for a null value (distinct from an empty one).</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public RecordHeader(string key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        Value = value;
        IsValueNull = value is null;
    }

    /// <summary>The header key.</summary>
    public string Key { get; }

    /// <summary>The value (empty when <see cref="IsValueNull"/>).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Whether the value is null.</summary>
    public bool IsValueNull { get; }

    /// <summary>A header with a null value.</summary>
    public static RecordHeader WithNullValue(string key) => new(key, (byte[]?)null);
}
