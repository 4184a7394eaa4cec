namespace Kafka.Client.Testing.Security;

/// <summary>The server side of one SASL exchange.</summary>
internal interface ISaslServer
{
    /// <summary>Reads the client's next message and returns the server's answer.</summary>
    /// <exception cref="SaslFailure">The message is malformed or the credentials are wrong.</exception>
    byte[] Evaluate(ReadOnlySpan<byte> message);

    /// <summary>True once the client is authenticated.</summary>
    bool IsComplete { get; }

    /// <summary>The authenticated user, once complete.</summary>
    string? User { get; }
}
