using System.Collections.Concurrent;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Admin;

/// <summary>
/// Which broker coordinates each group (or, with key type 1, each transactional id): found with FindCoordinator,
/// cached until an API answers COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR or COORDINATOR_LOAD_IN_PROGRESS.
/// </summary>
internal sealed class GroupCoordinators(AdminNodes nodes, sbyte keyType = 0)
{
    private sbyte GroupKeyType => keyType;

    private string Kind => keyType == 0 ? "group" : "transactional id";

    private readonly ConcurrentDictionary<string, int> _known = new(StringComparer.Ordinal);

    /// <summary>The coordinator's node id, from the cache or asked of any broker.</summary>
    /// <exception cref="KafkaException">No coordinator was found; retriable while the group's coordinator is not available.</exception>
    public async Task<int> FindAsync(string groupId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(groupId, out int known))
        {
            return known;
        }

        var connection = await nodes.ConnectAsync(AdminNodes.AnyBroker, cancellationToken).ConfigureAwait(false);
        var (response, version) = await AdminNodes.SendAsync(connection, ApiKey.FindCoordinator, v => v >= FindCoordinatorVersions.BatchedKeys
            ? new FindCoordinatorRequest { KeyType = GroupKeyType, CoordinatorKeys = [groupId] }
            : new FindCoordinatorRequest { KeyType = GroupKeyType, Key = groupId }, cancellationToken).ConfigureAwait(false);
        var (error, message, nodeId) = version >= FindCoordinatorVersions.BatchedKeys
            ? response.Coordinators.Find(c => c.Key == groupId) is { } c ? ((ErrorCode)c.ErrorCode, c.ErrorMessage, c.NodeId) : (ErrorCode.CoordinatorNotAvailable, $"No answer for the {Kind}.", -1)
            : ((ErrorCode)response.ErrorCode, response.ErrorMessage, response.NodeId);
        if (error != ErrorCode.None)
        {
            throw new KafkaException(error, $"Cannot find the coordinator of {Kind} {groupId}: {error}: {(string.IsNullOrEmpty(message) || message == "NONE" ? error.Describe() : message)}");
        }

        _known[groupId] = nodeId;
        return nodeId;
    }

    /// <summary>Forgets a group's coordinator when <paramref name="error"/> says it moved or is not ready.</summary>
    /// <returns>True when the error was such a coordinator error.</returns>
    public bool ForgetOn(string groupId, ErrorCode error)
    {
        if (!RetryOn.Coordinator.Contains(error))
        {
            return false;
        }

        _known.TryRemove(groupId, out _);
        return true;
    }

    /// <summary>Forgets every group coordinated by a broker that could not be reached.</summary>
    public void ForgetNode(int nodeId)
    {
        foreach (var (groupId, node) in _known)
        {
            if (node == nodeId)
            {
                _known.TryRemove(groupId, out _);
            }
        }
    }
}
