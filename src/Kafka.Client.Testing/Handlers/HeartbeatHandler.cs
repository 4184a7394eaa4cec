using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>Heartbeat (12): keeps a member's session alive; REBALANCE_IN_PROGRESS tells it to rejoin.</summary>
internal sealed class HeartbeatHandler : ApiHandler<HeartbeatRequest, HeartbeatResponse>
{
    public override ApiKey Api => ApiKey.Heartbeat;

    public override ValueTask<HeartbeatResponse?> HandleAsync(RequestContext context, HeartbeatRequest heartbeat, CancellationToken cancellationToken)
    {
        ErrorCode error;
        if (context.ForcedError != ErrorCode.None)
        {
            error = context.ForcedError;
        }
        else if (!context.Authorize(AclOperation.Read, ResourceType.Group, heartbeat.GroupId))
        {
            error = ErrorCode.GroupAuthorizationFailed;
        }
        else if (heartbeat.GroupId.Length == 0)
        {
            error = ErrorCode.InvalidGroupId;
        }
        else if (!context.IsCoordinatorFor(heartbeat.GroupId))
        {
            error = ErrorCode.NotCoordinator;
        }
        else
        {
            error = context.Cluster.Groups.Heartbeat(heartbeat.GroupId, heartbeat.MemberId, heartbeat.GroupInstanceId, heartbeat.GenerationId);
        }

        return ValueTask.FromResult<HeartbeatResponse?>(new HeartbeatResponse { ErrorCode = (short)error });
    }
}
