namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>
/// One member of a consumer-protocol group (Kafka's <c>ConsumerGroupMember</c>): what it subscribes to, its epochs,
/// and its current assignment (the partitions it may own, and those it must revoke). Guarded by its group's lock.
/// </summary>
internal sealed class ConsumerGroupMember(string memberId)
{
    /// <summary>The epoch a static member that left temporarily holds (<c>LEAVE_GROUP_STATIC_MEMBER_EPOCH</c>).</summary>
    public const int LeftStaticEpoch = -2;

    public string MemberId { get; set; } = memberId;

    public string? InstanceId { get; set; }

    public string? RackId { get; set; }

    public string ClientId { get; set; } = "";

    public string ClientHost { get; set; } = "";

    public int RebalanceTimeoutMs { get; set; } = -1;

    public IReadOnlyList<string> SubscribedTopicNames { get; set; } = [];

    public string? SubscribedTopicRegex { get; set; }

    public string? ServerAssignor { get; set; }

    public int MemberEpoch { get; set; }

    public int PreviousMemberEpoch { get; set; }

    public MemberState State { get; set; } = MemberState.Stable;

    /// <summary>The partitions the member is given at <see cref="MemberEpoch"/>.</summary>
    public HashSet<TopicIdPartition> Assigned { get; set; } = [];

    /// <summary>Partitions the member still holds and must revoke before it goes on.</summary>
    public HashSet<TopicIdPartition> PendingRevocation { get; set; } = [];

    /// <summary>A copy under another member id (a static member replaced by its new incarnation).</summary>
    /// <summary>Set for a member that joined with JoinGroup (the classic protocol) and is served by the consumer group.</summary>
    public ClassicMembership? Classic { get; set; }

    public ConsumerGroupMember CopyAs(string memberId) => new(memberId)
    {
        Classic = Classic,
        InstanceId = InstanceId,
        RackId = RackId,
        ClientId = ClientId,
        ClientHost = ClientHost,
        RebalanceTimeoutMs = RebalanceTimeoutMs,
        SubscribedTopicNames = SubscribedTopicNames,
        SubscribedTopicRegex = SubscribedTopicRegex,
        ServerAssignor = ServerAssignor,
        MemberEpoch = MemberEpoch,
        PreviousMemberEpoch = PreviousMemberEpoch,
        State = State,
        Assigned = [.. Assigned],
        PendingRevocation = [.. PendingRevocation],
    };
}
