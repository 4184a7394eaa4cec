using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>
/// A Kafka error: the broker's <see cref="Protocol.ErrorCode"/> (or <see cref="ErrorCode.UnknownServerError"/> for client-side
/// failures), whether retrying may help, and the topic-partition when there is one.
/// </summary>
public class KafkaException : Exception
{
    private readonly bool? _retriable;

    /// <summary>Creates an exception for a broker error code.</summary>
    public KafkaException(ErrorCode error, string? message = null, TopicPartition? topicPartition = null, Exception? innerException = null)
        : base(message ?? Describe(error, topicPartition), innerException)
    {
        Error = error;
        TopicPartition = topicPartition;
    }

    /// <summary>Wraps <paramref name="inner"/> with a message that says what it was about; whether it is retriable is kept.</summary>
    internal KafkaException(KafkaException inner, string message, TopicPartition? topicPartition)
        : base(message, inner)
    {
        Error = inner.Error;
        TopicPartition = topicPartition;
        _retriable = inner.IsRetriable;
    }

    /// <summary>Creates an exception for a client-side failure.</summary>
    public KafkaException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = ErrorCode.UnknownServerError;
    }

    /// <summary>The protocol error code.</summary>
    public ErrorCode Error { get; }

    /// <summary>True when the same operation may succeed if retried (Kafka's RetriableException).</summary>
    public virtual bool IsRetriable => _retriable ?? Error.IsRetriable();

    /// <summary>The partition the error is about, when there is one.</summary>
    public TopicPartition? TopicPartition { get; }

    private static string Describe(ErrorCode error, TopicPartition? topicPartition) =>
        topicPartition is { } tp ? $"{error} on {tp}: {error.Describe()}" : $"{error}: {error.Describe()}";
}
