namespace Kafka.Client;

/// <summary>What one member of a consumer group told the group when it joined: the input of an assignor.</summary>
public sealed class GroupMemberSubscription
{
    /// <summary>The member id the coordinator gave the member.</summary>
    public required string MemberId { get; init; }

    /// <summary>The member's static id (<c>group.instance.id</c>, KIP-345), or null.</summary>
    public string? GroupInstanceId { get; init; }

    /// <summary>The topics the member subscribes to.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>The partitions the member owned before this rebalance (subscription version 1 and later; empty before).</summary>
    public IReadOnlyList<TopicPartition> OwnedPartitions { get; init; } = [];

    /// <summary>The generation in which the member owned <see cref="OwnedPartitions"/> (subscription version 2 and later), or -1.</summary>
    public int GenerationId { get; init; } = -1;

    /// <summary>The member's rack (<c>client.rack</c>, subscription version 3 and later), or null.</summary>
    public string? RackId { get; init; }

    /// <summary>Assignor-specific bytes the member attached (<see cref="IPartitionAssignor.GetSubscriptionUserData"/>).</summary>
    public ReadOnlyMemory<byte> UserData { get; init; }
}
