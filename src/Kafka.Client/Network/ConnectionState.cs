namespace Kafka.Client.Network;

/// <summary>
/// Where a <see cref="KafkaConnection"/> is in its life (after Npgsql's <c>ConnectorState</c>). It only moves forward:
/// Connecting, Negotiating, (Authenticating,) Ready, then Broken or Closed, which are final. The transitions are
/// written down once, in <see cref="ConnectionStates"/>.
/// </summary>
internal enum ConnectionState
{
    /// <summary>The TCP connection is being opened; nothing can be sent yet.</summary>
    Connecting,

    /// <summary>Connected; the connection exchanges ApiVersions with the broker, its own requests only.</summary>
    Negotiating,

    /// <summary>SASL authentication in progress (the security work plugs in here); the connection's own requests only.</summary>
    Authenticating,

    /// <summary>Open for requests.</summary>
    Ready,

    /// <summary>Failed: a network error, a request timeout, the broker closed it, or bytes that cannot be decoded. Final.</summary>
    Broken,

    /// <summary>Closed by its owner. Final.</summary>
    Closed,
}
