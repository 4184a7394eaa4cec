namespace Kafka.Client.Producing;

/// <summary>
/// One message of a batch: whom to tell and with what, its offset delta in the batch, its timestamp, and the
/// flush generation it was produced in. Held in pooled arrays, so appending a message allocates nothing.
/// </summary>
internal readonly record struct DeliveryEntry(IDeliveryTarget Target, object? Message, object? State, int OffsetDelta, long Timestamp, FlushGeneration Generation)
{
    public void Delivered(TopicPartition partition, long baseOffset, long logAppendTime) =>
        Target.Delivered(Message, State, new RecordMetadata(partition, baseOffset < 0 ? -1 : baseOffset + OffsetDelta, logAppendTime >= 0 ? logAppendTime : Timestamp, logAppendTime >= 0));

    public void Failed(TopicPartition partition, KafkaException error) => Target.Failed(Message, State, partition.Topic, error);
}
