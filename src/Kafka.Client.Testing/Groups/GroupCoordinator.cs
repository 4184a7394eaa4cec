using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Groups.Consumer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// The classic group coordinator of the embedded cluster: JoinGroup/SyncGroup rebalances, heartbeats and session
/// timeouts, static membership, and committed offsets. It follows Kafka 4.0's coordinator
/// (group-coordinator/.../GroupMetadataManager.java, OffsetMetadataManager.java, classic/ClassicGroup.java).
/// </summary>
/// <remarks>
/// One instance is shared by every broker (ClusterState owns it), so when the coordinator moves to another broker
/// the groups and offsets are still there, as when Kafka's new coordinator loads <c>__consumer_offsets</c>. Waiting
/// requests are <see cref="TaskCompletionSource{TResult}"/>s and time limits are <see cref="GroupTimers"/>; no thread
/// waits. Locks: <see cref="_sync"/> guards the group table; each group has its own lock, held for every change to
/// the group; a group's lock may take <see cref="_sync"/> (deleting the group), never the reverse; the offset store's
/// lock is a leaf. Only committed offsets are persisted; memberships start over after a restart.
/// </remarks>
internal sealed partial class GroupCoordinator : IDisposable
{
    /// <summary>How long a new member's JoinGroup may wait before it is dropped (classicGroupNewMemberJoinTimeoutMs, 5 minutes).</summary>
    private const int NewMemberJoinTimeoutMs = 5 * 60 * 1000;

    /// <summary>Longest metadata string of a committed offset (<c>offset.metadata.max.bytes</c>, 4096).</summary>
    private const int OffsetMetadataMaxSize = 4096;

    private readonly Lock _sync = new();
    private readonly Dictionary<string, ClassicGroup> _groups = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopped = new();
    private readonly EmbeddedKafkaClusterOptions _options;
    private readonly ILogger _logger;

    public GroupCoordinator(EmbeddedKafkaClusterOptions options)
    {
        _options = options;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Kafka.Client.Testing.GroupCoordinator");
        Offsets = new OffsetStore(options.DataDirectory);

        // Groups with committed offsets come back Empty, as Kafka's coordinator reloads them from __consumer_offsets.
        foreach (string groupId in Offsets.Groups())
        {
            _groups[groupId] = NewGroup(groupId);
        }
    }

    public OffsetStore Offsets { get; }

    /// <summary>The cluster's topics now, for classic members of consumer-protocol groups (set by the cluster state).</summary>
    public Func<IReadOnlyList<TopicInfo>> Topics { get; set; } = () => [];

    private ClassicGroup? Find(string groupId)
    {
        lock (_sync)
        {
            return _groups.GetValueOrDefault(groupId);
        }
    }

    /// <summary>The classic group, created if need be (in place of an Empty consumer group); null when a consumer group with members has the id.</summary>
    private ClassicGroup? GetOrCreate(string groupId)
    {
        if (!TryDowngradeEmptyConsumerGroup(groupId))
        {
            return null;
        }

        lock (_sync)
        {
            if (!_groups.TryGetValue(groupId, out ClassicGroup? group))
            {
                group = NewGroup(groupId);
                _groups.Add(groupId, group);
            }

            return group;
        }
    }

    private List<ClassicGroup> AllGroups()
    {
        lock (_sync)
        {
            return [.. _groups.Values.OrderBy(g => g.GroupId, StringComparer.Ordinal)];
        }
    }

    /// <summary>Takes a deleted (Dead) group out of the table; the caller holds the group's lock.</summary>
    private void Forget(ClassicGroup group)
    {
        lock (_sync)
        {
            if (_groups.TryGetValue(group.GroupId, out ClassicGroup? current) && current == group)
            {
                _groups.Remove(group.GroupId);
            }
        }
    }

    private ClassicGroup NewGroup(string groupId) =>
        new(groupId, _stopped.Token, e => LogMessages.GroupTimerFailed(_logger, e, groupId));

    private void Log(ClassicGroup group, string message)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogMessages.Group(_logger, group.GroupId, message);
        }
    }

    /// <summary>(Re)starts a member's session timer (GroupMetadataManager.rescheduleClassicGroupMemberHeartbeat).</summary>
    private void RescheduleSession(ClassicGroup group, GroupMember member, long? timeoutMs = null)
    {
        string memberId = member.MemberId;
        group.Timers.Schedule(GroupTimers.Session(memberId), timeoutMs ?? member.SessionTimeoutMs, () => ExpireSession(group, memberId));
    }

    /// <summary>Stops every timer; groups stay as they are.</summary>
    public void Dispose()
    {
        _stopped.Cancel();
        foreach (ClassicGroup group in AllGroups())
        {
            lock (group.Sync)
            {
                group.Timers.CancelAll();
            }
        }

        foreach (ConsumerGroup group in AllConsumerGroups())
        {
            lock (group.Sync)
            {
                group.Timers.CancelAll();
            }
        }

        Offsets.Dispose();
        _stopped.Dispose();
    }
}
