namespace Kafka.Client.Producing;

/// <summary>
/// Who is told when a message is acknowledged or fails. A target is usually shared (one per producer or per type)
/// and the per-message parts, the message and a state such as the report callback, travel beside it in the
/// batch's <see cref="DeliveryEntry"/>: that is how the callback path allocates nothing per message.
/// </summary>
internal interface IDeliveryTarget
{
    /// <summary>The broker acknowledged the message.</summary>
    void Delivered(object? message, object? state, in RecordMetadata metadata);

    /// <summary>The message was appended but not delivered.</summary>
    void Failed(object? message, object? state, string topic, KafkaException error);

    /// <summary>
    /// The message never reached a batch: no metadata or buffer memory within <c>max.block.ms</c>, the caller
    /// cancelled, or an asynchronous serializer failed. Awaiting callers get <paramref name="error"/> itself.
    /// </summary>
    void Rejected(object? message, object? state, string topic, Exception error);
}
