namespace Kafka.Client;

/// <summary>A message could not be produced; <see cref="DeliveryResult"/> says which and where it was headed.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class ProduceException<TKey, TValue> : KafkaException
{
    /// <summary>Creates the exception from the underlying error.</summary>
    public ProduceException(KafkaException error, DeliveryResult<TKey, TValue> deliveryResult)
        : base(error?.Error ?? Protocol.ErrorCode.UnknownServerError, error?.Message, error?.TopicPartition, error)
    {
        DeliveryResult = deliveryResult;
    }

    /// <summary>The message and its destination.</summary>
    public DeliveryResult<TKey, TValue> DeliveryResult { get; }
}
