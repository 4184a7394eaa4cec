namespace Kafka.Client.Admin;

/// <summary>
/// Thrown at the end of an attempt that left items pending, so that the retry pipeline runs another attempt
/// (always retriable, whatever the code of the error it carries).
/// </summary>
internal sealed class RetryPendingException(KafkaException last)
    : KafkaException(last.Error, last.Message, last.TopicPartition, last)
{
    /// <inheritdoc />
    public override bool IsRetriable => true;
}
