using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Groups.Consumer;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// The table of consumer-protocol groups (KIP-848) beside the classic ones. A group id is one or the other: a classic
/// group becomes a consumer group when a member heartbeats to it (an Empty one is replaced, one with members is
/// upgraded online, <see cref="UpgradeClassicGroup"/>), an Empty consumer group a classic group when a member sends
/// JoinGroup; committed offsets stay, as they are kept by group id.
/// </summary>
internal sealed partial class GroupCoordinator
{
    private readonly Dictionary<string, ConsumerGroup> _consumerGroups = new(StringComparer.Ordinal);

    private ConsumerGroup? FindConsumerGroup(string groupId)
    {
        lock (_sync)
        {
            return _consumerGroups.GetValueOrDefault(groupId);
        }
    }

    /// <summary>True when <paramref name="groupId"/> is a group of either kind.</summary>
    private bool Exists(string groupId)
    {
        lock (_sync)
        {
            return _groups.ContainsKey(groupId) || _consumerGroups.ContainsKey(groupId);
        }
    }

    /// <summary>
    /// The consumer group <paramref name="groupId"/>; created when <paramref name="create"/> (a member joining), taking
    /// the place of an Empty classic group.
    /// </summary>
    /// <exception cref="GroupRequestException">GROUP_ID_NOT_FOUND: no such group, or a classic group that cannot be upgraded.</exception>
    private ConsumerGroup GetOrCreateConsumerGroup(string groupId, bool create)
    {
        // Locks: a group's lock, then the table's (never the reverse), so an Empty classic group is checked under its
        // own lock before the table changes.
        while (true)
        {
            ClassicGroup? classic;
            lock (_sync)
            {
                if (_consumerGroups.TryGetValue(groupId, out ConsumerGroup? existing))
                {
                    return existing;
                }

                classic = _groups.GetValueOrDefault(groupId);
                if (classic is null)
                {
                    if (!create)
                    {
                        throw new GroupRequestException(ErrorCode.GroupIdNotFound, $"Group {groupId} not found.");
                    }

                    return AddConsumerGroup(groupId);
                }
            }

            lock (classic.Sync)
            {
                if (classic.State == GroupState.Dead || !create)
                {
                    throw new GroupRequestException(ErrorCode.GroupIdNotFound, $"Group {groupId} is not a consumer group.");
                }

                lock (_sync)
                {
                    if (_groups.GetValueOrDefault(groupId) != classic)
                    {
                        continue;
                    }
                }

                if (classic.MemberCount > 0)
                {
                    return UpgradeClassicGroup(classic);
                }

                lock (_sync)
                {
                    classic.TransitionTo(GroupState.Dead);
                    classic.Timers.CancelAll();
                    _groups.Remove(groupId);
                    return AddConsumerGroup(groupId);
                }
            }
        }
    }

    /// <summary>Adds a new consumer group; the caller holds the table's lock.</summary>
    private ConsumerGroup AddConsumerGroup(string groupId)
    {
        ConsumerGroup group = NewConsumerGroup(groupId);
        _consumerGroups.Add(groupId, group);
        return group;
    }

    private ConsumerGroup NewConsumerGroup(string groupId) =>
        new(groupId, _stopped.Token, e => LogMessages.GroupTimerFailed(_logger, e, groupId));

    /// <summary>
    /// Makes way for a classic group: an Empty consumer group is dropped (its offsets stay). False when a consumer
    /// group with members has the id, so JoinGroup is refused.
    /// </summary>
    private bool TryDowngradeEmptyConsumerGroup(string groupId)
    {
        ConsumerGroup? group = FindConsumerGroup(groupId);
        if (group is null)
        {
            return true;
        }

        lock (group.Sync)
        {
            if (group.MemberCount > 0)
            {
                return false;
            }

            group.IsDead = true;
            group.Timers.CancelAll();
            ForgetConsumerGroup(group);
            return true;
        }
    }

    /// <summary>Takes a dropped consumer group out of the table; the caller holds the group's lock.</summary>
    private void ForgetConsumerGroup(ConsumerGroup group)
    {
        lock (_sync)
        {
            if (_consumerGroups.GetValueOrDefault(group.GroupId) == group)
            {
                _consumerGroups.Remove(group.GroupId);
            }
        }
    }

    private List<ConsumerGroup> AllConsumerGroups()
    {
        lock (_sync)
        {
            return [.. _consumerGroups.Values.OrderBy(g => g.GroupId, StringComparer.Ordinal)];
        }
    }

    private void LogConsumer(ConsumerGroup group, string message) => LogConsumer(group.GroupId, message);

    private void LogConsumer(string groupId, string message)
    {
        if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            LogMessages.Group(_logger, groupId, message);
        }
    }
}
