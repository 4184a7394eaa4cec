using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// FindCoordinator (10): the broker coordinating a group (key type 0) or a transactional id (1, same placement);
/// one key up to v3, a batch of <c>CoordinatorKeys</c> from v4 (KIP-699). Share groups (key type 2, KIP-932) get
/// INVALID_REQUEST, as from a Kafka broker without a share coordinator (KafkaApis.getCoordinator).
/// </summary>
internal sealed class FindCoordinatorHandler : ApiHandler<FindCoordinatorRequest, FindCoordinatorResponse>
{
    private const sbyte GroupKey = 0, TransactionKey = 1;

    public override ApiKey Api => ApiKey.FindCoordinator;

    public override ValueTask<FindCoordinatorResponse?> HandleAsync(RequestContext context, FindCoordinatorRequest find, CancellationToken cancellationToken)
    {
        var response = new FindCoordinatorResponse();
        if (context.Version < FindCoordinatorVersions.BatchedKeys)
        {
            (ErrorCode error, BrokerNode? node) = Locate(context, find.KeyType, find.Key);
            response.ErrorCode = (short)error;
            if (context.Version >= FindCoordinatorVersions.ErrorMessage)
            {
                // Kafka sends Errors.message(): the error's description, "NONE" on success.
                response.ErrorMessage = error == ErrorCode.None ? "NONE" : error.Describe();
            }

            response.NodeId = node?.Id ?? -1;
            response.Host = node?.HostOf(context.Listener) ?? "";
            response.Port = node?.PortOf(context.Listener) ?? -1;
        }
        else
        {
            foreach (string key in find.CoordinatorKeys)
            {
                (ErrorCode error, BrokerNode? node) = Locate(context, find.KeyType, key);
                response.Coordinators.Add(new FindCoordinatorResponse.Coordinator
                {
                    Key = key,
                    ErrorCode = (short)error,
                    ErrorMessage = error == ErrorCode.None ? null : error.Describe(),
                    NodeId = node?.Id ?? -1,
                    Host = node?.HostOf(context.Listener) ?? "",
                    Port = node?.PortOf(context.Listener) ?? -1,
                });
            }
        }

        return ValueTask.FromResult<FindCoordinatorResponse?>(response);
    }

    private static (ErrorCode Error, BrokerNode? Node) Locate(RequestContext context, sbyte keyType, string key)
    {
        if (context.ForcedError != ErrorCode.None)
        {
            return (context.ForcedError, null);
        }

        if (keyType is not (GroupKey or TransactionKey))
        {
            return (ErrorCode.InvalidRequest, null);
        }

        if (keyType == GroupKey ? !context.Authorize(AclOperation.Describe, ResourceType.Group, key) : !context.Authorize(AclOperation.Describe, ResourceType.TransactionalId, key))
        {
            return (keyType == GroupKey ? ErrorCode.GroupAuthorizationFailed : ErrorCode.TransactionalIdAuthorizationFailed, null);
        }

        int coordinator = context.Cluster.CoordinatorFor(key);
        return coordinator < 0 ? (ErrorCode.CoordinatorNotAvailable, null) : (ErrorCode.None, context.Cluster.Broker(coordinator));
    }
}
