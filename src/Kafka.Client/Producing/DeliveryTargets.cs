namespace Kafka.Client.Producing;

/// <summary>A caller awaiting <c>ProduceAsync</c>: the delivery completes its task.</summary>
internal sealed class AwaitedDelivery<TKey, TValue>(string topic, Message<TKey, TValue> message)
    : TaskCompletionSource<DeliveryResult<TKey, TValue>>(TaskCreationOptions.RunContinuationsAsynchronously), IDeliveryTarget
{
    public void Delivered(in RecordMetadata metadata) => TrySetResult(new DeliveryResult<TKey, TValue>
    {
        Topic = topic,
        Partition = metadata.Partition,
        Offset = metadata.Offset,
        Message = message,
        Status = PersistenceStatus.Persisted,
        Timestamp = new Timestamp(metadata.Timestamp, metadata.LogAppendTime ? TimestampType.LogAppendTime : TimestampType.CreateTime),
    });

    public void Failed(KafkaException error) => TrySetException(new ProduceException<TKey, TValue>(error, new DeliveryResult<TKey, TValue>
    {
        Topic = topic,
        Partition = error.TopicPartition?.Partition ?? -1,
        Message = message,
        Status = error.Error is Protocol.ErrorCode.RequestTimedOut or Protocol.ErrorCode.NetworkException ? PersistenceStatus.PossiblyPersisted : PersistenceStatus.NotPersisted,
    }));
}

/// <summary>A <c>Produce</c> call with a report callback. Exceptions the callback throws are ignored: they must not stop the sender.</summary>
internal sealed class CallbackDelivery<TKey, TValue>(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>> handler) : IDeliveryTarget
{
    private void Report(DeliveryReport<TKey, TValue> report)
    {
        try
        {
            handler(report);
        }
#pragma warning disable CA1031 // A user callback's failure is the user's; the producer carries on.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public void Delivered(in RecordMetadata metadata) => Report(new DeliveryReport<TKey, TValue>
    {
        Topic = topic,
        Partition = metadata.Partition,
        Offset = metadata.Offset,
        Message = message,
        Status = PersistenceStatus.Persisted,
        Timestamp = new Timestamp(metadata.Timestamp, metadata.LogAppendTime ? TimestampType.LogAppendTime : TimestampType.CreateTime),
    });

    public void Failed(KafkaException error) => Report(new DeliveryReport<TKey, TValue>
    {
        Topic = topic,
        Partition = error.TopicPartition?.Partition ?? -1,
        Message = message,
        Status = PersistenceStatus.NotPersisted,
        Error = error,
    });
}

/// <summary>A <c>Produce</c> call without a callback.</summary>
internal sealed class IgnoredDelivery : IDeliveryTarget
{
    public static IgnoredDelivery Instance { get; } = new();

    public void Delivered(in RecordMetadata metadata)
    {
    }

    public void Failed(KafkaException error)
    {
    }
}
