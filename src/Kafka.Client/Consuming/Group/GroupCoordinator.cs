using Kafka.Client.Cluster;
using Kafka.Client.Diagnostics;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Consuming;

/// <summary>
/// The coordinator of one group as its member sees it: found through FindCoordinator, reached over a dedicated
/// connection, and looked up again when it moves. Both group protocols send through it.
/// </summary>
internal sealed class GroupCoordinator : IDisposable
{
    private readonly KafkaCluster _cluster;
    private readonly string _groupId;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lookupLock = new(1, 1);
    private BrokerMetadata? _known;

    public GroupCoordinator(KafkaCluster cluster, string groupId, ILogger logger)
    {
        _cluster = cluster;
        _groupId = groupId;
        _logger = logger;
    }

    /// <summary>The dedicated connection to the coordinator, found through FindCoordinator when not known.</summary>
    public async Task<KafkaConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        BrokerMetadata? known = _known;
        if (known is null)
        {
            await _lookupLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                known = _known ??= await FindAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _lookupLock.Release();
            }
        }

        try
        {
            return await _cluster.CoordinatorConnectionAsync(known.NodeId, known.Host, known.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException)
        {
            Lost();
            throw;
        }
    }

    /// <summary>Forgets the coordinator: the next request looks it up again.</summary>
    public void Lost() => _known = null;

    /// <summary>
    /// Sends a request to the coordinator; on NOT_COORDINATOR or COORDINATOR_NOT_AVAILABLE (in the response's
    /// error, read by <paramref name="errorOf"/>) the coordinator is looked up again and the error thrown as retriable.
    /// </summary>
    public async Task<TResponse> SendAsync<TResponse>(Func<KafkaConnection, IKafkaRequest<TResponse>> build, Func<TResponse, ErrorCode> errorOf, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where TResponse : IKafkaResponse
    {
        KafkaConnection connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        TResponse response;
        try
        {
            response = await connection.SendAsync(build(connection), cancellationToken, timeout).ConfigureAwait(false);
        }
        catch (KafkaException)
        {
            Lost();
            throw;
        }

        ErrorCode error = errorOf(response);
        if (error is ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable)
        {
            Lost();
            throw new KafkaException(error, $"Broker {connection.NodeId} is no longer the coordinator of group '{_groupId}' ({error}).");
        }

        return response;
    }

    private async Task<BrokerMetadata> FindAsync(CancellationToken cancellationToken)
    {
        KafkaConnection connection = await _cluster.AnyConnectionAsync(cancellationToken).ConfigureAwait(false);
        var request = connection.VersionFor(ApiKey.FindCoordinator) >= FindCoordinatorVersions.BatchedKeys
            ? new FindCoordinatorRequest { KeyType = 0, CoordinatorKeys = [_groupId] }
            : new FindCoordinatorRequest { Key = _groupId, KeyType = 0 };
        FindCoordinatorResponse response = await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
        FindCoordinatorResponse.Coordinator? batched = response.Coordinators.Count > 0 ? response.Coordinators[0] : null;
        var error = (ErrorCode)(batched?.ErrorCode ?? response.ErrorCode);
        if (error != ErrorCode.None)
        {
            throw new KafkaException(error, $"Finding the coordinator of group '{_groupId}' failed: {error} ({batched?.ErrorMessage ?? response.ErrorMessage}).");
        }

        var found = batched is null
            ? new BrokerMetadata(response.NodeId, response.Host, response.Port, null)
            : new BrokerMetadata(batched.NodeId, batched.Host, batched.Port, null);
        LogMessages.LogCoordinator(_logger, _groupId, found.NodeId, $"{found.Host}:{found.Port}");
        return found;
    }

    public void Dispose() => _lookupLock.Dispose();
}
