using Kafka.Client.Cluster;
using Kafka.Client.Diagnostics;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Consuming;

/// <summary>
/// A consumer's membership in a group (the classic protocol): finds the coordinator, joins and syncs, heartbeats in
/// the background, commits and fetches offsets, and leaves. It never calls application code: it tells the consume
/// loop through <see cref="RejoinNeeded"/>, <see cref="PartitionsLost"/> and <see cref="Signal"/> what to do next.
/// </summary>
internal sealed partial class GroupMember : IAsyncDisposable
{
    private readonly KafkaCluster _cluster;
    private readonly GroupSettings _settings;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _coordinatorLock = new(1, 1);
    private readonly Task _heartbeats;
    private BrokerMetadata? _coordinator;
    private volatile bool _rejoinNeeded = true;
    private volatile bool _partitionsLost;
    private volatile bool _stable;
    private long _lastPoll = Environment.TickCount64;

    public GroupMember(KafkaCluster cluster, GroupSettings settings, ILogger logger)
    {
        _cluster = cluster;
        _settings = settings;
        _logger = logger;
        _heartbeats = HeartbeatLoopAsync(_stopping.Token);
    }

    public GroupSettings Settings => _settings;

    public string MemberId { get; private set; } = "";

    public int GenerationId { get; private set; } = -1;

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

    /// <summary>The dedicated connection to the group coordinator, found through FindCoordinator when not known.</summary>
    private async Task<KafkaConnection> CoordinatorAsync(CancellationToken cancellationToken)
    {
        BrokerMetadata? known = _coordinator;
        if (known is null)
        {
            await _coordinatorLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                known = _coordinator ??= await FindCoordinatorAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _coordinatorLock.Release();
            }
        }

        try
        {
            return await _cluster.CoordinatorConnectionAsync(known.NodeId, known.Host, known.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException)
        {
            CoordinatorLost();
            throw;
        }
    }

    private async Task<BrokerMetadata> FindCoordinatorAsync(CancellationToken cancellationToken)
    {
        KafkaConnection connection = await _cluster.AnyConnectionAsync(cancellationToken).ConfigureAwait(false);
        var request = connection.VersionFor(ApiKey.FindCoordinator) >= FindCoordinatorVersions.BatchedKeys
            ? new FindCoordinatorRequest { KeyType = 0, CoordinatorKeys = [_settings.GroupId] }
            : new FindCoordinatorRequest { Key = _settings.GroupId, KeyType = 0 };
        FindCoordinatorResponse response = await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
        FindCoordinatorResponse.Coordinator? batched = response.Coordinators.Count > 0 ? response.Coordinators[0] : null;
        var error = (ErrorCode)(batched?.ErrorCode ?? response.ErrorCode);
        if (error != ErrorCode.None)
        {
            throw new KafkaException(error, $"Finding the coordinator of group '{_settings.GroupId}' failed: {error} ({batched?.ErrorMessage ?? response.ErrorMessage}).");
        }

        var found = batched is null
            ? new BrokerMetadata(response.NodeId, response.Host, response.Port, null)
            : new BrokerMetadata(batched.NodeId, batched.Host, batched.Port, null);
        LogMessages.LogCoordinator(_logger, _settings.GroupId, found.NodeId, $"{found.Host}:{found.Port}");
        return found;
    }

    private void CoordinatorLost() => _coordinator = null;

    /// <summary>
    /// Sends a request to the coordinator; on NOT_COORDINATOR or COORDINATOR_NOT_AVAILABLE (in the response's
    /// error, read by <paramref name="errorOf"/>) the coordinator is looked up again and the error thrown as retriable.
    /// </summary>
    private async Task<TResponse> SendToCoordinatorAsync<TResponse>(Func<KafkaConnection, IKafkaRequest<TResponse>> build, Func<TResponse, ErrorCode> errorOf, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TResponse : IKafkaResponse
    {
        KafkaConnection connection = await CoordinatorAsync(cancellationToken).ConfigureAwait(false);
        TResponse response;
        try
        {
            response = await connection.SendAsync(build(connection), cancellationToken, timeout).ConfigureAwait(false);
        }
        catch (KafkaException)
        {
            CoordinatorLost();
            throw;
        }

        ErrorCode error = errorOf(response);
        if (error is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable)
        {
            CoordinatorLost();
            throw new KafkaException(error, $"Broker {connection.NodeId} is no longer the coordinator of group '{_settings.GroupId}' ({error}).");
        }

        return response;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _heartbeats.ConfigureAwait(false);
        _stopping.Dispose();
        _coordinatorLock.Dispose();
    }
}
