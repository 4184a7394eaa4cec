namespace Kafka.Client;

/// <summary>A message: key, value, headers and timestamp.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public class Message<TKey, TValue>
{
    /// <summary>The key; it decides the partition of keyed messages.</summary>
    public TKey Key { get; set; } = default!;

    /// <summary>The value.</summary>
    public TValue Value { get; set; } = default!;

    /// <summary>The headers, or null for none.</summary>
    public Headers? Headers { get; set; }

    /// <summary>The timestamp; <see cref="Timestamp.Default"/> means "now" when producing.</summary>
    public Timestamp Timestamp { get; set; } = Timestamp.Default;
}
