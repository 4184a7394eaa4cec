namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// The sticky assignment when every member subscribes to the same topics (Java's
/// <c>AbstractStickyAssignor.ConstrainedAssignmentBuilder</c>). With <c>n</c> members and <c>P</c> partitions each
/// member gets <c>floor(P/n)</c> (the min quota) or <c>ceil(P/n)</c> (the max quota), exactly <c>P mod n</c> of
/// them the max quota:
/// <list type="number">
/// <item>each member keeps its owned partitions, up to the max quota while fewer than <c>P mod n</c> members
/// have more than the min quota, else up to the min quota (lowest partition numbers first);</item>
/// <item>the other partitions go round robin to the members below the min quota, then to members at the min
/// quota until enough have the max quota.</item>
/// </list>
/// </summary>
/// <remarks>Java walks a hash map of members; members are walked by member id instead.</remarks>
internal sealed class ConstrainedStickyAssignment
{
    private readonly AssignmentInput _input;
    private readonly List<string> _memberIds;
    private readonly Dictionary<string, List<TopicPartition>> _owned;
    private readonly HashSet<TopicPartition> _multipleOwners;
    private readonly int _minQuota;
    private readonly int _maxQuota;
    private readonly int _expectedOverMinQuota;
    private readonly Dictionary<string, List<TopicPartition>> _assignment;
    private readonly HashSet<TopicPartition> _assigned = [];
    private readonly Dictionary<TopicPartition, string> _maybeRevoked = [];
    private readonly List<string> _underMinQuota = [];
    private readonly List<string> _atMinQuota = [];
    private int _overMinQuota;

    /// <summary>Prepares the assignment.</summary>
    /// <param name="input">The group; every member subscribes to the same topics.</param>
    /// <param name="owned">Every member's still valid owned partitions (existing, conflicts resolved).</param>
    /// <param name="multipleOwners">Partitions several members claimed in the same generation; nobody keeps them.</param>
    public ConstrainedStickyAssignment(
        AssignmentInput input,
        Dictionary<string, List<TopicPartition>> owned,
        HashSet<TopicPartition> multipleOwners)
    {
        _input = input;
        _memberIds = input.SortedMemberIds();
        _owned = owned;
        _multipleOwners = multipleOwners;
        _minQuota = input.TotalPartitions / _memberIds.Count;
        _maxQuota = (input.TotalPartitions + _memberIds.Count - 1) / _memberIds.Count;
        _expectedOverMinQuota = input.TotalPartitions % _memberIds.Count;
        _assignment = input.EmptyAssignment();
    }

    /// <summary>
    /// The partitions that change owner: handed to a member other than one that owned them (or that several members
    /// claimed). The cooperative assignor holds them back until their owner has revoked them.
    /// </summary>
    public Dictionary<TopicPartition, string> PartitionsTransferringOwnership { get; } = [];

    /// <summary>Computes the assignment: every partition goes to exactly one member.</summary>
    /// <exception cref="InvalidOperationException">The quotas could not be met, which would be a bug here.</exception>
    public Dictionary<string, List<TopicPartition>> Build()
    {
        AssignOwnedPartitions();

        var unassigned = new List<TopicPartition>(_input.TotalPartitions - _assigned.Count);
        foreach (string topic in _input.Topics)
        {
            for (int partition = 0; partition < _input.PartitionCount(topic); partition++)
            {
                var tp = new TopicPartition(topic, partition);
                if (!_assigned.Contains(tp))
                {
                    unassigned.Add(tp);
                }
            }
        }

        _underMinQuota.Sort(StringComparer.Ordinal);
        _atMinQuota.Sort(StringComparer.Ordinal);
        AssignRoundRobin(unassigned);
        VerifyQuotas();
        return _assignment;
    }

    private void AssignOwnedPartitions()
    {
        foreach (string memberId in _memberIds)
        {
            // Java sorts by partition, then topic: the member keeps its lowest partition numbers across topics.
            var owned = new List<TopicPartition>(_owned[memberId]);
            owned.Sort(static (a, b) =>
            {
                int byPartition = a.Partition.CompareTo(b.Partition);
                return byPartition != 0 ? byPartition : string.CompareOrdinal(a.Topic, b.Topic);
            });

            int keep;
            if (owned.Count < _minQuota)
            {
                keep = owned.Count;
                _underMinQuota.Add(memberId);
            }
            else if (owned.Count >= _maxQuota && _overMinQuota < _expectedOverMinQuota)
            {
                keep = _maxQuota;
                _overMinQuota++;
                if (_overMinQuota == _expectedOverMinQuota)
                {
                    _atMinQuota.Clear();
                }
            }
            else
            {
                keep = _minQuota;

                // A member at the min quota may still take one more while too few members have more.
                if (_overMinQuota < _expectedOverMinQuota)
                {
                    _atMinQuota.Add(memberId);
                }
            }

            for (int i = 0; i < owned.Count; i++)
            {
                if (i < keep)
                {
                    _assignment[memberId].Add(owned[i]);
                    _assigned.Add(owned[i]);
                }
                else
                {
                    _maybeRevoked[owned[i]] = memberId;
                }
            }
        }
    }

    private void AssignRoundRobin(List<TopicPartition> unassigned)
    {
        int next = 0;
        foreach (TopicPartition partition in unassigned)
        {
            string memberId;
            if (next < _underMinQuota.Count)
            {
                memberId = _underMinQuota[next++];
            }
            else if (_underMinQuota.Count == 0 && _atMinQuota.Count == 0)
            {
                throw new InvalidOperationException($"No member left to take {partition}: the sticky quotas were miscounted.");
            }
            else if (_underMinQuota.Count == 0)
            {
                memberId = _atMinQuota[0];
                _atMinQuota.RemoveAt(0);
            }
            else
            {
                next = 0;
                memberId = _underMinQuota[next++];
            }

            int count = AssignNewPartition(partition, memberId);
            if (count == _minQuota && next > 0 && _underMinQuota[next - 1] == memberId)
            {
                next--;
                _underMinQuota.RemoveAt(next);
                _atMinQuota.Add(memberId);
            }
            else if (count == _maxQuota)
            {
                _overMinQuota++;
            }
        }
    }

    private int AssignNewPartition(TopicPartition partition, string memberId)
    {
        List<TopicPartition> partitions = _assignment[memberId];
        partitions.Add(partition);

        // Owned partitions were all placed already, so this one is new to the member.
        if ((_maybeRevoked.TryGetValue(partition, out string? owner) && owner != memberId) || _multipleOwners.Contains(partition))
        {
            PartitionsTransferringOwnership[partition] = memberId;
        }

        return partitions.Count;
    }

    private void VerifyQuotas()
    {
        if (_underMinQuota.Count == 0)
        {
            return;
        }

        if (_overMinQuota != _expectedOverMinQuota)
        {
            throw new InvalidOperationException(
                $"Only {_overMinQuota} of the expected {_expectedOverMinQuota} members got more than {_minQuota} partitions.");
        }

        foreach (string memberId in _underMinQuota)
        {
            if (_assignment[memberId].Count != _minQuota)
            {
                throw new InvalidOperationException(
                    $"Member {memberId} got {_assignment[memberId].Count} partitions, fewer than the {_minQuota} every member must get.");
            }
        }
    }
}
