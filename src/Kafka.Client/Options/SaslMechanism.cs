namespace Kafka.Client;

/// <summary>The SASL mechanism a client authenticates with (Kafka's <c>sasl.mechanism</c>).</summary>
public enum SaslMechanism
{
    /// <summary><c>GSSAPI</c> (Kerberos): Kafka's default, which this client does not support; choose another mechanism.</summary>
    Gssapi,

    /// <summary><c>PLAIN</c>: user name and password, sent as they are (use it over TLS only).</summary>
    Plain,

    /// <summary><c>SCRAM-SHA-256</c> (RFC 7677): a challenge-response; the password never crosses the network.</summary>
    ScramSha256,

    /// <summary><c>SCRAM-SHA-512</c>: SCRAM with SHA-512.</summary>
    ScramSha512,

    /// <summary><c>OAUTHBEARER</c> (KIP-255): a bearer token (an OAuth 2 access token, or an unsecured JWT for tests).</summary>
    OAuthBearer,
}
