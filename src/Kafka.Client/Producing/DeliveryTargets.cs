namespace Kafka.Client.Producing;

/// <summary>
/// <c>Produce</c> with a report callback: the entry's state is the callback, its message the message, so nothing
/// is allocated per message. Exceptions the callback throws are ignored: they must not stop the sender.
/// </summary>
internal sealed class CallbackDelivery<TKey, TValue> : IDeliveryTarget
{
    public static CallbackDelivery<TKey, TValue> Instance { get; } = new();

    private static void Report(object? state, in DeliveryReport<TKey, TValue> report)
    {
        try
        {
            ((Action<DeliveryReport<TKey, TValue>>)state!)(report);
        }
#pragma warning disable CA1031 // A user callback's failure is the user's; the producer carries on.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public void Delivered(object? message, object? state, in RecordMetadata metadata) => Report(state, new DeliveryReport<TKey, TValue>
    {
        Topic = metadata.TopicPartition.Topic,
        Partition = metadata.TopicPartition.Partition,
        Offset = metadata.Offset,
        Message = (Message<TKey, TValue>)message!,
        Status = metadata.Status,
        Timestamp = metadata.MessageTimestamp,
    });

    public void Failed(object? message, object? state, string topic, KafkaException error) => Report(state, new DeliveryReport<TKey, TValue>
    {
        Topic = topic,
        Partition = error.TopicPartition?.Partition ?? -1,
        Offset = -1,
        Message = (Message<TKey, TValue>)message!,
        Status = DeliveryStatus.Of(error),
        Error = error,
    });

    public void Rejected(object? message, object? state, string topic, Exception error) =>
        Failed(message, state, topic, error as KafkaException ?? new KafkaException($"Producing to '{topic}' failed: {error.Message}", error));
}

/// <summary>A <c>Produce</c> call without a callback.</summary>
internal sealed class IgnoredDelivery : IDeliveryTarget
{
    public static IgnoredDelivery Instance { get; } = new();

    public void Delivered(object? message, object? state, in RecordMetadata metadata)
    {
    }

    public void Failed(object? message, object? state, string topic, KafkaException error)
    {
    }

    public void Rejected(object? message, object? state, string topic, Exception error)
    {
    }
}

/// <summary>Whether a failed message may still have reached the log.</summary>
internal static class DeliveryStatus
{
    /// <summary>A timeout or a lost connection leaves it unknown whether the broker wrote the message.</summary>
    public static PersistenceStatus Of(KafkaException error) =>
        error.Error is Protocol.ErrorCode.RequestTimedOut or Protocol.ErrorCode.NetworkException ? PersistenceStatus.PossiblyPersisted : PersistenceStatus.NotPersisted;
}
