namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>
/// What a classic member of a consumer-protocol group brought with its JoinGroup (Kafka's <c>ClassicMemberMetadata</c>):
/// its session timeout and the protocol (assignor name) it is answered with.
/// </summary>
internal sealed record ClassicMembership(int SessionTimeoutMs, string ProtocolName);
