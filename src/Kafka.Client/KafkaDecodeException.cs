using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>
/// A broker answered with a response this client cannot decode (it breaks the Kafka protocol at the version both
/// sides agreed on). Sending the request again gets the same answer, so it is never retried: the call fails at once.
/// </summary>
public sealed class KafkaDecodeException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be decoded, from which broker.</param>
    /// <param name="innerException">The decoder's error.</param>
    public KafkaDecodeException(string message, Exception? innerException = null)
        : base(ErrorCode.CorruptMessage, message, innerException: innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsRetriable => false;
}
