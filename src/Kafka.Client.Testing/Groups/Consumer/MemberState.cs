namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>Where a member of a consumer-protocol group is in reaching its target assignment (Kafka's <c>MemberState</c>).</summary>
internal enum MemberState
{
    /// <summary>The member has its whole target assignment at the target epoch.</summary>
    Stable,

    /// <summary>The member must give up partitions (revoke them) before it gets the next epoch.</summary>
    UnrevokedPartitions,

    /// <summary>The member is at the target epoch but waits for partitions other members still hold.</summary>
    UnreleasedPartitions,
}

/// <summary>The names Kafka's ConsumerGroupDescribe and logs use.</summary>
internal static class MemberStates
{
    public static string Name(this MemberState state) => state switch
    {
        MemberState.Stable => "STABLE",
        MemberState.UnrevokedPartitions => "UNREVOKED_PARTITIONS",
        _ => "UNRELEASED_PARTITIONS",
    };
}
