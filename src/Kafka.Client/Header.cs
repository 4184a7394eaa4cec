namespace Kafka.Client;

/// <summary>A message header: a string key and a value that may be null.</summary>
/// <param name="Key">The header key.</param>
/// <param name="Value">The header value; null for a null value.</param>
public sealed record Header(string Key, byte[]? Value);
