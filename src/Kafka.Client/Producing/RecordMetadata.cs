namespace Kafka.Client.Producing;

/// <summary>Where an acknowledged message landed; with acks=0 the offset is unknown (-1).</summary>
internal readonly record struct RecordMetadata(TopicPartition TopicPartition, long Offset, long Timestamp, bool LogAppendTime)
{
    /// <summary>
    /// Persisted when the broker acknowledged an offset; possibly persisted with acks=0, where the broker does not
    /// answer (as Confluent.Kafka reports it).
    /// </summary>
    public PersistenceStatus Status => Offset >= 0 ? PersistenceStatus.Persisted : PersistenceStatus.PossiblyPersisted;

    public Timestamp MessageTimestamp => new(Timestamp, LogAppendTime ? TimestampType.LogAppendTime : TimestampType.CreateTime);
}
