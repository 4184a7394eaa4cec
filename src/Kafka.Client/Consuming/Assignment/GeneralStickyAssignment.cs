namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// The sticky assignment when members subscribe to different topics (Java's
/// <c>AbstractStickyAssignor.GeneralAssignmentBuilder</c>): keep every owned partition the owner still subscribes to,
/// give each unowned partition to the least loaded member that subscribes to it, then move partitions from members
/// with at least two more than another subscriber of the topic until no such move is left, keeping the result only
/// if it is better balanced.
/// </summary>
/// <remarks>
/// Java walks hash maps here; members are walked by member id instead, so equal input gives equal output.
/// </remarks>
internal sealed class GeneralStickyAssignment
{
    private readonly AssignmentInput _input;
    private readonly Dictionary<string, List<string>> _topicMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _maxAssignmentSize = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TopicPartition>> _current;
    private readonly Dictionary<TopicPartition, string> _owner = [];
    private readonly Dictionary<TopicPartition, (string Member, int Generation)> _previous = [];
    private readonly List<TopicPartition> _sortedAllPartitions = [];
    private readonly SortedSet<string> _byLoad;
    private readonly PartitionMovements _movements = new();
    private bool _revocationRequired;

    /// <summary>Prepares the assignment.</summary>
    /// <param name="input">The group.</param>
    /// <param name="owned">Every member's still valid owned partitions (existing, conflicts resolved); taken over and changed.</param>
    /// <param name="memberData">Every member's claim as it sent it, for the previous owners of contested partitions.</param>
    /// <param name="maxGeneration">The highest generation any member claimed.</param>
    public GeneralStickyAssignment(
        AssignmentInput input,
        Dictionary<string, List<TopicPartition>> owned,
        IReadOnlyDictionary<string, StickyMemberData> memberData,
        int maxGeneration)
    {
        _input = input;
        _current = owned;
        List<string> memberIds = input.SortedMemberIds();
        foreach (string topic in input.Topics)
        {
            var members = new List<string>();
            foreach (string memberId in memberIds)
            {
                if (input.Subscribes(memberId, topic))
                {
                    members.Add(memberId);
                }
            }

            _topicMembers.Add(topic, members);
        }

        foreach (string memberId in memberIds)
        {
            int size = 0;
            foreach (string topic in input.TopicsOf(memberId))
            {
                size += input.PartitionCount(topic);
            }

            _maxAssignmentSize.Add(memberId, size);
            foreach (TopicPartition partition in _current[memberId])
            {
                _owner[partition] = memberId;
            }

            RememberPreviousOwner(memberId, memberData[memberId], maxGeneration);
        }

        // Topics with fewer potential members first, so the partitions with the fewest choices are placed first.
        var sortedTopics = new List<string>(input.Topics);
        sortedTopics.Sort((a, b) =>
        {
            int byMembers = _topicMembers[a].Count - _topicMembers[b].Count;
            return byMembers != 0 ? byMembers : string.CompareOrdinal(a, b);
        });
        foreach (string topic in sortedTopics)
        {
            for (int partition = 0; partition < input.PartitionCount(topic); partition++)
            {
                _sortedAllPartitions.Add(new TopicPartition(topic, partition));
            }
        }

        _byLoad = new SortedSet<string>(Comparer<string>.Create((a, b) =>
        {
            int byCount = _current[a].Count - _current[b].Count;
            return byCount != 0 ? byCount : string.CompareOrdinal(a, b);
        }));
    }

    /// <summary>Computes the assignment: every existing subscribed partition goes to exactly one subscriber.</summary>
    public Dictionary<string, List<TopicPartition>> Build()
    {
        var assigned = new HashSet<TopicPartition>();
        foreach ((string memberId, List<TopicPartition> partitions) in _current)
        {
            partitions.RemoveAll(tp =>
            {
                if (_input.Subscribes(memberId, tp.Topic))
                {
                    assigned.Add(tp);
                    return false;
                }

                // The member no longer subscribes to the topic: it must give the partition up.
                _owner.Remove(tp);
                _revocationRequired = true;
                return true;
            });
        }

        var unassigned = new List<TopicPartition>();
        foreach (TopicPartition partition in _sortedAllPartitions)
        {
            if (!assigned.Contains(partition))
            {
                unassigned.Add(partition);
            }
        }

        _byLoad.UnionWith(_current.Keys);
        Balance(unassigned);
        return _current;
    }

    // Java's prepopulateCurrentAssignments: claims from older generations (or none, when some member has one) name the
    // previous owner, the one a partition goes back to when that helps the balance.
    private void RememberPreviousOwner(string memberId, StickyMemberData data, int maxGeneration)
    {
        int generation;
        if (data.Generation is int claimed && claimed < maxGeneration)
        {
            generation = claimed;
        }
        else if (data.Generation is null && maxGeneration > StickyAssignment.DefaultGeneration)
        {
            generation = StickyAssignment.DefaultGeneration;
        }
        else
        {
            return;
        }

        foreach (TopicPartition partition in data.Partitions)
        {
            if (!_previous.TryGetValue(partition, out (string Member, int Generation) earlier) || generation > earlier.Generation)
            {
                _previous[partition] = (memberId, generation);
            }
        }
    }

    private void Balance(List<TopicPartition> unassigned)
    {
        bool initializing = _current[_byLoad.Max!].Count == 0;

        foreach (TopicPartition partition in unassigned)
        {
            MoveToLeastLoaded(partition);
        }

        // Only topics with two or more potential members, and members that could get or give up a partition, take part.
        var fixedTopics = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string topic, List<string> members) in _topicMembers)
        {
            if (members.Count < 2)
            {
                fixedTopics.Add(topic);
            }
        }

        _sortedAllPartitions.RemoveAll(tp => fixedTopics.Contains(tp.Topic));
        unassigned.RemoveAll(tp => fixedTopics.Contains(tp.Topic));

        var fixedAssignments = new Dictionary<string, List<TopicPartition>>(StringComparer.Ordinal);
        foreach (string memberId in _input.SortedMemberIds())
        {
            if (!CanTakePart(memberId))
            {
                _byLoad.Remove(memberId);
                fixedAssignments.Add(memberId, _current[memberId]);
                _current.Remove(memberId);
            }
        }

        Dictionary<string, List<TopicPartition>> before = Copy(_current);
        var ownersBefore = new Dictionary<TopicPartition, string>(_owner);

        // Without a forced revocation, first try to balance by moving only the partitions just handed out.
        if (!_revocationRequired)
        {
            Reassign(unassigned);
        }

        bool reassigned = Reassign(_sortedAllPartitions);
        if (!initializing && reassigned && BalanceScore(_current) >= BalanceScore(before))
        {
            _current.Clear();
            foreach ((string memberId, List<TopicPartition> partitions) in before)
            {
                _current.Add(memberId, partitions);
            }

            _owner.Clear();
            foreach ((TopicPartition partition, string memberId) in ownersBefore)
            {
                _owner.Add(partition, memberId);
            }
        }

        foreach ((string memberId, List<TopicPartition> partitions) in fixedAssignments)
        {
            _current.Add(memberId, partitions);
        }
    }

    private bool Reassign(List<TopicPartition> partitions)
    {
        bool reassigned = false;
        bool modified;
        do
        {
            modified = false;
            foreach (TopicPartition partition in partitions)
            {
                if (IsBalanced())
                {
                    break;
                }

                string owner = _owner[partition];
                int ownerCount = _current[owner].Count;

                // Back to its previous owner when that one has two fewer. Java doesn't check that the previous owner
                // still takes part and subscribes to the topic; here it must.
                if (_previous.TryGetValue(partition, out (string Member, int Generation) previous)
                    && _current.TryGetValue(previous.Member, out List<TopicPartition>? previousPartitions)
                    && _input.Subscribes(previous.Member, partition.Topic)
                    && ownerCount > previousPartitions.Count + 1)
                {
                    MovePartition(partition, previous.Member);
                    reassigned = modified = true;
                    continue;
                }

                foreach (string other in _topicMembers[partition.Topic])
                {
                    if (ownerCount > _current[other].Count + 1)
                    {
                        MovePartition(partition, LeastLoadedSubscriber(partition.Topic));
                        reassigned = modified = true;
                        break;
                    }
                }
            }
        }
        while (modified);

        return reassigned;
    }

    private bool IsBalanced()
    {
        int min = _current[_byLoad.Min!].Count;
        int max = _current[_byLoad.Max!].Count;
        if (min >= max - 1)
        {
            return true;
        }

        // Otherwise balanced only when no member short of partitions could take one from a member with two more.
        foreach (string memberId in _byLoad)
        {
            List<TopicPartition> mine = _current[memberId];
            if (mine.Count == _maxAssignmentSize[memberId])
            {
                continue;
            }

            var mineSet = new HashSet<TopicPartition>(mine);
            foreach (string topic in _input.TopicsOf(memberId))
            {
                for (int p = 0; p < _input.PartitionCount(topic); p++)
                {
                    var partition = new TopicPartition(topic, p);
                    if (!mineSet.Contains(partition)
                        && _owner.TryGetValue(partition, out string? other)
                        && _current.TryGetValue(other, out List<TopicPartition>? theirs)
                        && mine.Count + 1 < theirs.Count)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private bool CanTakePart(string memberId)
    {
        List<TopicPartition> partitions = _current[memberId];
        if (partitions.Count < _maxAssignmentSize[memberId])
        {
            return true;
        }

        foreach (TopicPartition partition in partitions)
        {
            if (_topicMembers[partition.Topic].Count >= 2)
            {
                return true;
            }
        }

        return false;
    }

    private string LeastLoadedSubscriber(string topic)
    {
        foreach (string memberId in _byLoad)
        {
            if (_input.Subscribes(memberId, topic))
            {
                return memberId;
            }
        }

        throw new InvalidOperationException($"No member taking part subscribes to {topic}.");
    }

    private void MoveToLeastLoaded(TopicPartition partition)
    {
        string memberId = LeastLoadedSubscriber(partition.Topic);
        _byLoad.Remove(memberId);
        _current[memberId].Add(partition);
        _owner[partition] = memberId;
        _byLoad.Add(memberId);
    }

    private void MovePartition(TopicPartition partition, string to)
    {
        TopicPartition moving = _movements.PartitionToMove(partition, _owner[partition], to);
        string from = _owner[moving];

        // The sorted set finds a member by its count: take both out before the counts change.
        _byLoad.Remove(from);
        _byLoad.Remove(to);
        _movements.Move(moving, from, to);
        _current[from].Remove(moving);
        _current[to].Add(moving);
        _owner[moving] = to;
        _byLoad.Add(to);
        _byLoad.Add(from);
    }

    /// <summary>The sum over all pairs of members of the difference of their partition counts; 0 is perfect.</summary>
    private static long BalanceScore(Dictionary<string, List<TopicPartition>> assignment)
    {
        var counts = new List<int>(assignment.Count);
        foreach (List<TopicPartition> partitions in assignment.Values)
        {
            counts.Add(partitions.Count);
        }

        // Sorted ascending, the i-th count is larger than i counts and smaller than (n - 1 - i).
        counts.Sort();
        long score = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            score += (long)counts[i] * (2 * i - counts.Count + 1);
        }

        return score;
    }

    private static Dictionary<string, List<TopicPartition>> Copy(Dictionary<string, List<TopicPartition>> assignment)
    {
        var copy = new Dictionary<string, List<TopicPartition>>(assignment.Count, StringComparer.Ordinal);
        foreach ((string memberId, List<TopicPartition> partitions) in assignment)
        {
            copy.Add(memberId, [.. partitions]);
        }

        return copy;
    }
}
