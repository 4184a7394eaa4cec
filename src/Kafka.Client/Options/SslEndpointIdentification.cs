namespace Kafka.Client;

/// <summary>Whether the broker's host name is checked against its certificate (Kafka's <c>ssl.endpoint.identification.algorithm</c>).</summary>
public enum SslEndpointIdentification
{
    /// <summary><c>https</c>: the host name the client connects to must be in the certificate. The default.</summary>
    Https,

    /// <summary><c>none</c> (an empty value in Java): any host name is accepted; the chain is still checked.</summary>
    None,
}
