namespace Kafka.Client.Testing;

/// <summary>One member of a group in an <see cref="EmbeddedGroupInfo"/> snapshot.</summary>
/// <param name="MemberId">The member id the coordinator assigned ("client.id-uuid", or "group.instance.id-uuid").</param>
/// <param name="GroupInstanceId">The static membership id (<c>group.instance.id</c>), or null for a dynamic member.</param>
/// <param name="ClientId">The client id of the member's last JoinGroup.</param>
/// <param name="ClientHost">The member's address as Kafka shows it ("/127.0.0.1").</param>
/// <param name="Metadata">The member's metadata for the group's current protocol (empty when there is none).</param>
/// <param name="Assignment">The assignment the leader gave the member in the current generation (empty until then).</param>
public sealed record EmbeddedGroupMember(
    string MemberId,
    string? GroupInstanceId,
    string ClientId,
    string ClientHost,
    ReadOnlyMemory<byte> Metadata,
    ReadOnlyMemory<byte> Assignment);
