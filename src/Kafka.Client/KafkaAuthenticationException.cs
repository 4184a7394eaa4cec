using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>
/// The client could not authenticate: the broker refused the SASL credentials or mechanism, or a TLS handshake failed
/// (an untrusted, expired or wrongly named certificate on either side). Never retriable: the same settings fail again
/// (Java's <c>AuthenticationException</c>).
/// </summary>
public sealed class KafkaAuthenticationException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The broker's error (<see cref="ErrorCode.SaslAuthenticationFailed"/>, <see cref="ErrorCode.UnsupportedSaslMechanism"/>...), or <see cref="ErrorCode.UnknownServerError"/> for a TLS failure.</param>
    /// <param name="message">What failed and what to check; it never holds a secret.</param>
    /// <param name="innerException">The cause, if any.</param>
    public KafkaAuthenticationException(ErrorCode error, string message, Exception? innerException = null)
        : base(error, message, innerException: innerException)
    {
    }

    /// <inheritdoc />
    /// <remarks>Always false.</remarks>
    public override bool IsRetriable => false;
}
