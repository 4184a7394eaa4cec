namespace Kafka.Client;

/// <summary>A hosted consumer's handler failed on a record after its retries, and the consumer stopped (<see cref="KafkaHandlerErrorAction.Stop"/>).</summary>
public sealed class KafkaHandlerException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="record">Where the failed record is; it was not committed.</param>
    /// <param name="innerException">The handler's error.</param>
    public KafkaHandlerException(TopicPartitionOffset record, Exception innerException)
        : base($"The handler failed on {record} after its retries; the consumer stopped there: {innerException.Message}", innerException)
    {
        Record = record;
    }

    /// <summary>Where the failed record is.</summary>
    public TopicPartitionOffset Record { get; }
}
