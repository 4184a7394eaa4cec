namespace Kafka.Client.Consuming;

/// <summary>A decoded record waiting to be handed out, or the error to raise in its place.</summary>
internal readonly record struct PendingRecord<TKey, TValue>(long Offset, ConsumeResult<TKey, TValue>? Result, ConsumeException? Error);
