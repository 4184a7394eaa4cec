using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// LeaveGroup (13): one member up to v2, a batch of members (by member id or group instance id) from v3 (KIP-345).
/// Before v3 the one member's error is the top-level error (LeaveGroupResponse).
/// </summary>
internal sealed class LeaveGroupHandler : ApiHandler<LeaveGroupRequest, LeaveGroupResponse>
{
    public override ApiKey Api => ApiKey.LeaveGroup;

    public override ValueTask<LeaveGroupResponse?> HandleAsync(RequestContext context, LeaveGroupRequest leave, CancellationToken cancellationToken)
    {
        List<LeaveGroupRequest.MemberIdentity> members = context.Version >= LeaveGroupVersions.Members
            ? leave.Members
            : [new LeaveGroupRequest.MemberIdentity { MemberId = leave.MemberId }];
        LeaveGroupResponse response;
        if (context.ForcedError != ErrorCode.None)
        {
            response = new LeaveGroupResponse { ErrorCode = (short)context.ForcedError };
        }
        else if (!context.Authorize(AclOperation.Read, ResourceType.Group, leave.GroupId))
        {
            response = new LeaveGroupResponse { ErrorCode = (short)ErrorCode.GroupAuthorizationFailed };
        }
        else if (leave.GroupId.Length == 0)
        {
            response = new LeaveGroupResponse { ErrorCode = (short)ErrorCode.InvalidGroupId };
        }
        else if (!context.IsCoordinatorFor(leave.GroupId))
        {
            response = new LeaveGroupResponse { ErrorCode = (short)ErrorCode.NotCoordinator };
        }
        else
        {
            response = context.Cluster.Groups.Leave(leave.GroupId, members);
        }

        if (context.Version < LeaveGroupVersions.Members)
        {
            short error = response.ErrorCode != 0 ? response.ErrorCode : response.Members.Select(m => m.ErrorCode).FirstOrDefault(e => e != 0);
            response = new LeaveGroupResponse { ErrorCode = error };
        }

        return ValueTask.FromResult<LeaveGroupResponse?>(response);
    }
}
