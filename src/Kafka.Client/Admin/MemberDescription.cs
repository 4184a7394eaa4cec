namespace Kafka.Client;

/// <summary>A member of a consumer group.</summary>
/// <param name="MemberId">The id the coordinator gave the member.</param>
/// <param name="GroupInstanceId">The static member id (<c>group.instance.id</c>), or null.</param>
/// <param name="ClientId">The member's <c>client.id</c>.</param>
/// <param name="Host">The address the member connected from.</param>
/// <param name="Assignment">The partitions assigned to it (decoded from the consumer protocol); empty while a rebalance runs.</param>
public sealed record MemberDescription(string MemberId, string? GroupInstanceId, string ClientId, string Host, MemberAssignment Assignment);
