namespace Kafka.Client.Testing.Security;

/// <summary>The security protocol of a listener (Kafka's <c>SecurityProtocol</c>).</summary>
internal enum ListenerProtocol
{
    Plaintext,
    Ssl,
    SaslPlaintext,
    SaslSsl,
}
