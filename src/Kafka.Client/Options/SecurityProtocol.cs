namespace Kafka.Client;

/// <summary>How a client talks to the brokers (Kafka's <c>security.protocol</c>).</summary>
public enum SecurityProtocol
{
    /// <summary><c>PLAINTEXT</c>: no encryption, no authentication. The default.</summary>
    Plaintext,

    /// <summary><c>SSL</c>: TLS, with the broker's certificate checked and, when the client has one, its own presented.</summary>
    Ssl,

    /// <summary><c>SASL_PLAINTEXT</c>: SASL authentication without encryption (the password of PLAIN crosses the network readable).</summary>
    SaslPlaintext,

    /// <summary><c>SASL_SSL</c>: SASL authentication over TLS; what managed Kafka services require.</summary>
    SaslSsl,
}
