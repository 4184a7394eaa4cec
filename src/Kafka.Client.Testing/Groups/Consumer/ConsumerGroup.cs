namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>
/// One consumer-protocol group (KIP-848, Kafka's <c>modern/consumer/ConsumerGroup</c>): the group epoch (bumped when
/// members or their subscriptions change), the target assignment and its epoch, the members with their current
/// assignments, and which member holds each partition, so a partition is given to its next owner only once the
/// previous one revoked it. Everything is guarded by <see cref="Sync"/>.
/// </summary>
internal sealed class ConsumerGroup
{
    private readonly OrderedDictionary<string, ConsumerGroupMember> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _staticMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<TopicIdPartition, string> _owners = [];

    public ConsumerGroup(string groupId, CancellationToken stopped, Action<Exception> onTimerError)
    {
        GroupId = groupId;
        Timers = new GroupTimers(Sync, stopped, onTimerError);
    }

    public string GroupId { get; }

    public Lock Sync { get; } = new();

    public GroupTimers Timers { get; }

    /// <summary>Bumped on every change of the members or of what they subscribe to.</summary>
    public int GroupEpoch { get; set; }

    /// <summary>The group epoch the target assignment was computed for.</summary>
    public int AssignmentEpoch { get; set; }

    /// <summary>The target assignment, by member id.</summary>
    public Dictionary<string, HashSet<TopicIdPartition>> Target { get; } = new(StringComparer.Ordinal);

    /// <summary>The subscribed topics (ids and partition counts) the target was computed from; a change bumps the epoch.</summary>
    public string SubscriptionFingerprint { get; set; } = "";

    /// <summary>The assignor the last target assignment was computed with.</summary>
    public string AssignorName { get; set; } = "";

    /// <summary>Deleted: requests that still hold the group must look it up again.</summary>
    public bool IsDead { get; set; }

    public int MemberCount => _members.Count;

    public IEnumerable<ConsumerGroupMember> Members => _members.Values;

    public ConsumerGroupMember? Member(string memberId) => _members.GetValueOrDefault(memberId);

    public ConsumerGroupMember? StaticMember(string instanceId) =>
        _staticMembers.TryGetValue(instanceId, out string? memberId) ? _members.GetValueOrDefault(memberId) : null;

    /// <summary>
    /// Empty, Assigning (the target is behind the group epoch), Reconciling (a member has not reached the target yet)
    /// or Stable, as <c>ConsumerGroup.maybeUpdateGroupState</c>.
    /// </summary>
    public string StateName =>
        _members.Count == 0 ? "Empty"
        : GroupEpoch > AssignmentEpoch ? "Assigning"
        : _members.Values.Any(m => m.State != MemberState.Stable || m.MemberEpoch != AssignmentEpoch) ? "Reconciling"
        : "Stable";

    public void Add(ConsumerGroupMember member)
    {
        _members[member.MemberId] = member;
        if (member.InstanceId is { } instanceId)
        {
            _staticMembers[instanceId] = member.MemberId;
        }

        Claim(member);
    }

    /// <summary>Takes a member out with everything it holds: its partitions are free for others at once.</summary>
    public void Remove(string memberId)
    {
        if (!_members.Remove(memberId, out ConsumerGroupMember? member))
        {
            return;
        }

        if (member.InstanceId is { } instanceId && _staticMembers.GetValueOrDefault(instanceId) == memberId)
        {
            _staticMembers.Remove(instanceId);
        }

        Target.Remove(memberId);
        Release(member);
    }

    /// <summary>True when another member than <paramref name="memberId"/> holds the partition (assigned or still to revoke).</summary>
    public bool IsHeldByAnother(TopicIdPartition partition, string memberId) =>
        _owners.TryGetValue(partition, out string? owner) && owner != memberId;

    /// <summary>The member that holds the partition, or null.</summary>
    public string? Holder(TopicIdPartition partition) => _owners.GetValueOrDefault(partition);

    /// <summary>Forgets what the member held, before its assignment changes (then <see cref="Claim"/>).</summary>
    public void Release(ConsumerGroupMember member)
    {
        foreach (TopicIdPartition partition in member.Assigned.Concat(member.PendingRevocation))
        {
            if (_owners.GetValueOrDefault(partition) == member.MemberId)
            {
                _owners.Remove(partition);
            }
        }
    }

    /// <summary>Records the member as the holder of what it is assigned and still has to revoke.</summary>
    public void Claim(ConsumerGroupMember member)
    {
        foreach (TopicIdPartition partition in member.Assigned.Concat(member.PendingRevocation))
        {
            _owners[partition] = member.MemberId;
        }
    }

    /// <summary>
    /// The assignor the members prefer (the one most of them name, as <c>ConsumerGroup.computePreferredServerAssignor</c>),
    /// else <paramref name="fallback"/>.
    /// </summary>
    public string PreferredAssignor(string fallback) =>
        _members.Values.Where(m => m.ServerAssignor is not null)
            .GroupBy(m => m.ServerAssignor!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? fallback;
}
