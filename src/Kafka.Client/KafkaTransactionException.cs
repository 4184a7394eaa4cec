using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>
/// A transaction could not go on. <see cref="RequiresAbort"/>: the transaction failed (a record was not delivered, a
/// partition refused) and must be aborted, after which the producer is usable again. <see cref="IsFatal"/>: the
/// producer was fenced by a newer instance with the same <c>transactional.id</c> (<see cref="ErrorCode.ProducerFenced"/>)
/// or refused, and must be disposed (Confluent.Kafka's <c>KafkaTxnRequiresAbortException</c> and fatal errors).
/// </summary>
public sealed class KafkaTransactionException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The error code.</param>
    /// <param name="message">What failed.</param>
    /// <param name="requiresAbort">True when the transaction must be aborted.</param>
    /// <param name="isFatal">True when the producer cannot be used any more.</param>
    /// <param name="innerException">The cause, if any.</param>
    public KafkaTransactionException(ErrorCode error, string message, bool requiresAbort, bool isFatal, Exception? innerException = null)
        : base(error, message, null, innerException)
    {
        RequiresAbort = requiresAbort;
        IsFatal = isFatal;
    }

    /// <summary>True when the transaction failed and AbortTransactionAsync must be called before a new one.</summary>
    public bool RequiresAbort { get; }

    /// <summary>True when the producer was fenced or refused and must be disposed.</summary>
    public bool IsFatal { get; }

    /// <inheritdoc />
    public override bool IsRetriable => false;
}
