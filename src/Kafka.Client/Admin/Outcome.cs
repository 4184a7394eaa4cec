namespace Kafka.Client.Admin;

/// <summary>A value or the error that prevented it, for admin items whose result type has no error of its own.</summary>
internal sealed record Outcome<T>(T? Value, KafkaException? Error);
