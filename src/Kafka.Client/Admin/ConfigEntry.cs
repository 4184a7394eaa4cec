namespace Kafka.Client;

/// <summary>One config of a resource, as the broker describes it.</summary>
/// <param name="Name">The config name, e.g. <c>retention.ms</c>.</param>
/// <param name="Value">Its value; null when sensitive or not set.</param>
/// <param name="Source">Where the value comes from.</param>
/// <param name="IsReadOnly">True when it cannot be changed while the broker runs.</param>
/// <param name="IsDefault">True when the value is Kafka's default.</param>
/// <param name="IsSensitive">True for secrets, whose value is never shown.</param>
public sealed record ConfigEntry(string Name, string? Value, ConfigSource Source, bool IsReadOnly, bool IsDefault, bool IsSensitive);
