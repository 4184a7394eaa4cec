namespace Kafka.Client;

/// <summary>A member of a consumer group.</summary>
/// <param name="MemberId">The id the coordinator gave the member.</param>
/// <param name="GroupInstanceId">The static member id (<c>group.instance.id</c>), or null.</param>
/// <param name="ClientId">The member's <c>client.id</c>.</param>
/// <param name="Host">The address the member connected from.</param>
/// <param name="Assignment">The partitions assigned to it (decoded from the consumer protocol); empty while a rebalance runs.</param>
public sealed record MemberDescription(string MemberId, string? GroupInstanceId, string ClientId, string Host, MemberAssignment Assignment)
{
    /// <summary>In a consumer-protocol group: the member's epoch (the epoch of its current <see cref="Assignment"/>); null in a classic group.</summary>
    public int? MemberEpoch { get; init; }

    /// <summary>In a consumer-protocol group: the partitions the coordinator wants the member to own (it reconciles towards them); null in a classic group.</summary>
    public MemberAssignment? TargetAssignment { get; init; }

    /// <summary>In a consumer-protocol group: the topic names the member subscribed to; null in a classic group.</summary>
    public IReadOnlyList<string>? SubscribedTopicNames { get; init; }

    /// <summary>In a consumer-protocol group: the regular expression the member subscribed with, or null.</summary>
    public string? SubscribedTopicRegex { get; init; }

    /// <summary>The member's <c>client.rack</c> as a consumer-protocol member sent it, or null.</summary>
    public string? RackId { get; init; }
}
