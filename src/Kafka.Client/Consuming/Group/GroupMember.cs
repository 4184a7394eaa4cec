using Kafka.Client.Cluster;
using Kafka.Client.Protocol;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Consuming;

/// <summary>
/// A consumer's membership in a group (the classic protocol): finds the coordinator, joins and syncs, heartbeats in
/// the background, commits and fetches offsets, and leaves. It never calls application code: it tells the consume
/// loop through <see cref="RejoinNeeded"/>, <see cref="PartitionsLost"/> and <see cref="Signal"/> what to do next.
/// </summary>
internal sealed partial class GroupMember : IGroupMembership
{
    private readonly KafkaCluster _cluster;
    private readonly GroupSettings _settings;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly GroupCoordinator _coordinator;
    private readonly Task _heartbeats;
    private volatile bool _rejoinNeeded = true;
    private volatile bool _partitionsLost;
    private volatile bool _stable;
    private long _lastPoll = Environment.TickCount64;

    public GroupMember(KafkaCluster cluster, GroupSettings settings, ILogger logger)
    {
        _cluster = cluster;
        _settings = settings;
        _logger = logger;
        _coordinator = new GroupCoordinator(cluster, settings.GroupId, logger);
        _heartbeats = HeartbeatLoopAsync(_stopping.Token);
    }

    public GroupSettings Settings => _settings;

    public string MemberId { get; private set; } = "";

    public int GenerationId { get; private set; } = -1;

    public bool RevokesAllBeforeJoin => _settings.Protocol == RebalanceProtocol.Eager;

    /// <summary>The coordinator asked for a rebalance, the member was fenced, or it left: the consume loop must rejoin.</summary>
    public bool RejoinNeeded => _rejoinNeeded;

    /// <summary>The member lost its generation: its partitions may be owned by others now and must be given up without committing.</summary>
    public bool PartitionsLost => _partitionsLost;

    /// <summary>
    /// Set when the coordinator fenced this static member (FENCED_INSTANCE_ID: another consumer joined with the same
    /// <c>group.instance.id</c>). As in the Java client this is fatal: consume and commit raise it from then on.
    /// </summary>
    public KafkaException? Fatal { get; private set; }

    /// <summary>Wakes the consume loop when <see cref="RejoinNeeded"/> turns true.</summary>
    public AsyncSignal Signal { get; } = new();

    /// <summary>Called by the consume loop each time the application asks for records (for <c>max.poll.interval.ms</c>).</summary>
    public void Polled() => Volatile.Write(ref _lastPoll, Environment.TickCount64);

    /// <summary>Asks for a rebalance at the next consume (subscription or partition counts changed).</summary>
    public void RequestRejoin()
    {
        _rejoinNeeded = true;
        Signal.Set();
    }

    /// <summary>After leaving: the next join starts as a new member.</summary>
    public void Forget()
    {
        GenerationId = -1;
        MemberId = "";
        _stable = false;
        _partitionsLost = false;
        _rejoinNeeded = true;
    }

    /// <summary>The consume loop gave up the lost partitions.</summary>
    public void LostHandled() => _partitionsLost = false;

    /// <summary>KIP-429: partitions revoked in a cooperative rebalance are assigned to their new owner in a second one.</summary>
    public void AssignmentApplied(GroupAssignmentResult result, bool revokedAny)
    {
        if (revokedAny && _settings.Protocol == RebalanceProtocol.Cooperative)
        {
            RequestRejoin();
        }
    }

    /// <summary>Records that another consumer took this member's <c>group.instance.id</c>, stops heartbeating, and wakes the consume loop.</summary>
    private KafkaException Fence(string api)
    {
        Fatal ??= new KafkaException(ErrorCode.FencedInstanceId,
            $"{api} for group '{_settings.GroupId}': this consumer was fenced because another consumer joined with the same group.instance.id '{_settings.GroupInstanceId}'. A static member id may be used by one consumer at a time; this one stops.");
        _stable = false;
        _partitionsLost = true;
        Signal.Set();
        return Fatal;
    }

    private void ResetGeneration(bool forgetMemberId)
    {
        GenerationId = -1;
        if (forgetMemberId)
        {
            MemberId = "";
        }

        _stable = false;
        _partitionsLost = true;
        RequestRejoin();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _heartbeats.ConfigureAwait(false);
        _stopping.Dispose();
        _coordinator.Dispose();
    }
}
