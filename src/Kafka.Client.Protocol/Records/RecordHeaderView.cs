using System.Text;

namespace Kafka.Client.Protocol;

/// <summary>A header as read from a record.</summary>
public readonly ref struct RecordHeaderView
{
    internal RecordHeaderView(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isValueNull)
    {
        KeyUtf8 = key;
        Value = value;
        IsValueNull = isValueNull;
    }

    /// <summary>The key as UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> KeyUtf8 { get; }

    /// <summary>The value bytes (empty when <see cref="IsValueNull"/>).</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Whether the value is null.</summary>
    public bool IsValueNull { get; }

    /// <summary>Decodes the key (allocates a string).</summary>
    public string GetKey() => Encoding.UTF8.GetString(KeyUtf8);
}
