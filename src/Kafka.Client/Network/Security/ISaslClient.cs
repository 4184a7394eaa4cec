namespace Kafka.Client.Network.Security;

/// <summary>The client side of one SASL exchange: the first message, then an answer to each server message until it is done.</summary>
internal interface ISaslClient
{
    /// <summary>The mechanism's name, as SaslHandshake sends it.</summary>
    string Mechanism { get; }

    /// <summary>The client's first message.</summary>
    byte[] Start();

    /// <summary>
    /// Reads the server's answer to the last message: returns the next client message, or null when the exchange is
    /// complete and the server has proven itself where the mechanism can (SCRAM's server signature).
    /// </summary>
    /// <exception cref="KafkaAuthenticationException">The server's message is malformed or does not prove the server knows the credentials.</exception>
    byte[]? Respond(ReadOnlySpan<byte> challenge);
}
