using Kafka.Client.Cluster;
using Kafka.Client.Protocol;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Consuming;

/// <summary>
/// A consumer's membership in a group under the consumer protocol of KIP-848 (<c>group.protocol=consumer</c>): the
/// member heartbeats with ConsumerGroupHeartbeat, the coordinator computes the assignment, and the member reconciles
/// towards it (revoke first, then assign) and acknowledges with its next heartbeat. As Java's
/// <c>ConsumerMembershipManager</c> and <c>ConsumerHeartbeatRequestManager</c>; the handlers run in the consume loop.
/// </summary>
/// <remarks>
/// The member id is generated here, once for the consumer's lifetime (KIP-1082), and kept across rejoins; a broker
/// that speaks only ConsumerGroupHeartbeat v0 gives its own in the first response instead.
/// </remarks>
internal sealed partial class ConsumerGroupMembership : IGroupMembership
{
    private readonly KafkaCluster _cluster;
    private readonly SubscriptionState _subscriptions;
    private readonly GroupSettings _settings;
    private readonly ILogger _logger;
    private readonly GroupCoordinator _coordinator;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private readonly AsyncSignal _wake = new();
    private readonly AsyncSignal _responded = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly HeartbeatFields _sent = new();
    private readonly Task _heartbeats;
    private volatile bool _joined;
    private volatile bool _rejoinNeeded = true;
    private volatile bool _partitionsLost;
    private volatile bool _fenced;
    private volatile bool _sendNow;
    private int _epoch;
    private long _lastPoll = Environment.TickCount64;

    // Reconciliation, under _sync: the coordinator's latest assignment, what the consume loop applied, and the result
    // handed to the loop that it has not applied yet (one at a time).
    private TargetAssignment? _target;
    private IReadOnlyList<TopicPartition> _owned = [];
    private int _ownedVersion;
    private bool _outstanding;
    private GroupAssignmentResult? _ready;
    private TaskCompletionSource<GroupAssignmentResult?>? _waiter;

    public ConsumerGroupMembership(KafkaCluster cluster, SubscriptionState subscriptions, GroupSettings settings, ILogger logger)
    {
        _cluster = cluster;
        _subscriptions = subscriptions;
        _settings = settings;
        _logger = logger;
        _coordinator = new GroupCoordinator(cluster, settings.GroupId, logger);
        MemberId = KafkaUuid.NewRandom().ToString();
        _heartbeats = HeartbeatLoopAsync(_stopping.Token);
    }

    public GroupSettings Settings => _settings;

    public string MemberId { get; private set; }

    /// <summary>The member epoch: 0 before joining (and after leaving or being fenced).</summary>
    public int GenerationId => Volatile.Read(ref _epoch);

    public bool RevokesAllBeforeJoin => false;

    public bool RejoinNeeded => _rejoinNeeded;

    public bool PartitionsLost => _partitionsLost;

    public KafkaException? Fatal { get; private set; }

    public AsyncSignal Signal { get; } = new();

    public void Polled() => Volatile.Write(ref _lastPoll, Environment.TickCount64);

    /// <summary>Before joining: join at the next consume. In the group: the next heartbeat carries the changed subscription.</summary>
    public void RequestRejoin()
    {
        if (_joined)
        {
            WakeHeartbeat();
            return;
        }

        _rejoinNeeded = true;
        Signal.Set();
    }

    public void Forget()
    {
        lock (_sync)
        {
            Volatile.Write(ref _epoch, 0);
            _joined = false;
            _fenced = false;
            _partitionsLost = false;
            _rejoinNeeded = true;
            ResetReconciliation();
            _owned = [];
            _ownedVersion++;
            _sent.Reset();
        }
    }

    /// <summary>The lost partitions are given up: a fenced member joins again with epoch 0 and no partitions.</summary>
    public void LostHandled()
    {
        lock (_sync)
        {
            _partitionsLost = false;
            _owned = [];
            _ownedVersion++;
            if (_fenced)
            {
                _fenced = false;
                _sent.Reset();
            }
        }

        WakeHeartbeat();
    }

    /// <summary>
    /// Joins the group if not in it yet, and waits for an assignment to reconcile: the next one that differs from what
    /// the loop applied, or the first answer after joining.
    /// </summary>
    public Task<GroupAssignmentResult?> JoinAndSyncAsync(IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> owned, CancellationToken cancellationToken)
    {
        if (Fatal is { } fatal)
        {
            return Task.FromException<GroupAssignmentResult?>(fatal);
        }

        TaskCompletionSource<GroupAssignmentResult?> waiter;
        lock (_sync)
        {
            _rejoinNeeded = false;
            if (!_joined)
            {
                _joined = true;
                _sent.Reset();
                Polled();
            }

            if (_ready is { } ready)
            {
                _ready = null;
                return Task.FromResult<GroupAssignmentResult?>(ready);
            }

            _waiter?.TrySetResult(null);
            waiter = _waiter = new TaskCompletionSource<GroupAssignmentResult?>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        WakeHeartbeat();
        return WaitAsync(waiter, cancellationToken);
    }

    /// <summary>The loop applied <paramref name="result"/>: it is what the member owns now, acknowledged by the next heartbeat.</summary>
    public void AssignmentApplied(GroupAssignmentResult result, bool revokedAny)
    {
        lock (_sync)
        {
            _owned = result.Partitions;
            _ownedVersion++;
            _outstanding = false;
            MaybeDeliver(responded: false);
        }

        WakeHeartbeat();
    }

    private static async Task<GroupAssignmentResult?> WaitAsync(TaskCompletionSource<GroupAssignmentResult?> waiter, CancellationToken cancellationToken) =>
        await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Hands the loop the target assignment when it differs from what is owned (under <c>_sync</c>); after a response,
    /// a waiting join also gets the unchanged assignment, so joining completes.
    /// </summary>
    private void MaybeDeliver(bool responded)
    {
        if (_outstanding || _fenced || !_joined || Fatal is not null)
        {
            return;
        }

        IReadOnlyList<TopicPartition>? target = _target?.Resolve(_cluster);
        bool changed = target is not null && !SameSet(target, _owned);
        if (!changed && !(responded && _waiter is not null))
        {
            return;
        }

        var result = new GroupAssignmentResult(Volatile.Read(ref _epoch), target ?? _owned, null);
        _outstanding = true;
        if (_waiter is { } waiter)
        {
            _waiter = null;
            waiter.TrySetResult(result);
        }
        else
        {
            _ready = result;
            _rejoinNeeded = true;
            Signal.Set();
        }
    }

    /// <summary>Drops the assignment in progress (under <c>_sync</c>): a waiting join returns null.</summary>
    private void ResetReconciliation()
    {
        _target = null;
        _ready = null;
        _outstanding = false;
        _waiter?.TrySetResult(null);
        _waiter = null;
    }

    private static bool SameSet(IReadOnlyList<TopicPartition> a, IReadOnlyList<TopicPartition> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        var set = new HashSet<TopicPartition>(a);
        return b.All(set.Contains);
    }

    private void WakeHeartbeat()
    {
        _sendNow = true;
        _wake.Set();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _heartbeats.ConfigureAwait(false);
        lock (_sync)
        {
            ResetReconciliation();
        }

        _stopping.Dispose();
        _sending.Dispose();
        _coordinator.Dispose();
    }
}
