namespace Kafka.Client.Producing;

/// <summary>Where an acknowledged message landed.</summary>
internal readonly record struct RecordMetadata(TopicPartition TopicPartition, long Offset, long Timestamp, bool LogAppendTime)
{
    public Timestamp MessageTimestamp => new(Timestamp, LogAppendTime ? TimestampType.LogAppendTime : TimestampType.CreateTime);
}
