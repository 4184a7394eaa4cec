namespace Kafka.Client.Producing;

/// <summary>Where an acknowledged message landed.</summary>
internal readonly record struct RecordMetadata(int Partition, long Offset, long Timestamp, bool LogAppendTime);
