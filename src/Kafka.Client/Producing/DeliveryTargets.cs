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

/// <summary>A <c>Produce</c> call with a report callback.</summary>
internal sealed class CallbackDelivery<TKey, TValue>(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>> handler) : IDeliveryTarget
{
    public void Delivered(in RecordMetadata metadata) => handler(new DeliveryReport<TKey, TValue>
    {
        Topic = topic,
        Partition = metadata.Partition,
        Offset = metadata.Offset,
        Message = message,
        Status = PersistenceStatus.Persisted,
        Timestamp = new Timestamp(metadata.Timestamp, metadata.LogAppendTime ? TimestampType.LogAppendTime : TimestampType.CreateTime),
    });

    public void Failed(KafkaException error) => handler(new DeliveryReport<TKey, TValue>
    {
        Topic = topic,
        Partition = error.TopicPartition?.Partition ?? -1,
        Message = message,
        Status = PersistenceStatus.NotPersisted,
        Error = error,
    });
}
