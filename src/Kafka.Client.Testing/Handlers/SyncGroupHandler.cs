using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// SyncGroup (14): the leader hands in the assignment and every member gets its own; followers wait
/// (asynchronously) for the leader. From v5 the protocol type and name are mandatory (KIP-559).
/// </summary>
internal sealed class SyncGroupHandler : ApiHandler<SyncGroupRequest, SyncGroupResponse>
{
    public override ApiKey Api => ApiKey.SyncGroup;

    public override async ValueTask<SyncGroupResponse?> HandleAsync(RequestContext context, SyncGroupRequest sync, CancellationToken cancellationToken)
    {
        SyncGroupResponse response;
        if (context.ForcedError != ErrorCode.None)
        {
            response = new SyncGroupResponse { ErrorCode = (short)context.ForcedError };
        }
        else if (!context.Authorize(AclOperation.Read, ResourceType.Group, sync.GroupId))
        {
            response = new SyncGroupResponse { ErrorCode = (short)ErrorCode.GroupAuthorizationFailed };
        }
        else if (sync.GroupId.Length == 0)
        {
            response = new SyncGroupResponse { ErrorCode = (short)ErrorCode.InvalidGroupId };
        }
        else if (context.Version >= SyncGroupVersions.ProtocolTypeAndName && (sync.ProtocolType is null || sync.ProtocolName is null))
        {
            // SyncGroupRequest.areMandatoryProtocolTypeAndNamePresent.
            response = new SyncGroupResponse { ErrorCode = (short)ErrorCode.InconsistentGroupProtocol };
        }
        else if (!context.IsCoordinatorFor(sync.GroupId))
        {
            response = new SyncGroupResponse { ErrorCode = (short)ErrorCode.NotCoordinator };
        }
        else
        {
            response = await context.Cluster.Groups.SyncAsync(sync).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (context.Version < SyncGroupVersions.ProtocolTypeAndName)
        {
            response.ProtocolType = null;
            response.ProtocolName = null;
        }

        return response;
    }
}
