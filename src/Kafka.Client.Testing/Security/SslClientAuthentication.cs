namespace Kafka.Client.Testing;

/// <summary>Whether a TLS listener asks clients for a certificate (Kafka's <c>ssl.client.auth</c>).</summary>
public enum SslClientAuthentication
{
    /// <summary><c>none</c>: no client certificate is asked for. The default.</summary>
    None,

    /// <summary><c>requested</c>: a certificate is asked for; a client without one is still served, as <c>User:ANONYMOUS</c>.</summary>
    Requested,

    /// <summary><c>required</c>: a client without a certificate signed by the cluster's CA is refused.</summary>
    Required,
}
