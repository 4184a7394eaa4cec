namespace Kafka.Client.Network;

/// <summary>The transitions of <see cref="ConnectionState"/>, in one place.</summary>
internal static class ConnectionStates
{
    /// <summary>True for the states a connection never leaves.</summary>
    public static bool IsFinal(ConnectionState state) => state is ConnectionState.Broken or ConnectionState.Closed;

    /// <summary>True when requests may be written: the connection's own while it negotiates or authenticates, anyone's once ready.</summary>
    public static bool CanSend(ConnectionState state) =>
        state is ConnectionState.Negotiating or ConnectionState.Authenticating or ConnectionState.Ready;

    /// <summary>
    /// True when a connection may move from <paramref name="from"/> to <paramref name="to"/>: forward through the
    /// opening steps (authentication may be skipped), and from any state that is not final to Broken or Closed.
    /// </summary>
    public static bool CanMove(ConnectionState from, ConnectionState to) => (from, to) switch
    {
        _ when IsFinal(from) => false,
        (_, ConnectionState.Broken or ConnectionState.Closed) => true,
        (ConnectionState.Connecting, ConnectionState.Negotiating) => true,
        (ConnectionState.Negotiating, ConnectionState.Authenticating or ConnectionState.Ready) => true,
        (ConnectionState.Authenticating, ConnectionState.Ready) => true,
        _ => false,
    };
}
