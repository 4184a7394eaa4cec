using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// JoinGroup (11): joins a classic group; the answer waits (asynchronously) until the join phase ends. v4+ members
/// without an id get MEMBER_ID_REQUIRED first (KIP-394); v5+ static members (KIP-345).
/// </summary>
internal sealed class JoinGroupHandler : ApiHandler<JoinGroupRequest, JoinGroupResponse>
{
    public override ApiKey Api => ApiKey.JoinGroup;

    public override async ValueTask<JoinGroupResponse?> HandleAsync(RequestContext context, JoinGroupRequest join, CancellationToken cancellationToken)
    {
        JoinGroupResponse response;
        if (context.ForcedError != ErrorCode.None)
        {
            response = Error(join.MemberId, context.ForcedError);
        }
        else if (!context.Authorize(AclOperation.Read, ResourceType.Group, join.GroupId))
        {
            response = Error(join.MemberId, ErrorCode.GroupAuthorizationFailed);
        }
        else if (join.GroupId.Length == 0)
        {
            response = Error(join.MemberId, ErrorCode.InvalidGroupId);
        }
        else if (!context.IsCoordinatorFor(join.GroupId))
        {
            response = Error(join.MemberId, ErrorCode.NotCoordinator);
        }
        else
        {
            response = await context.Cluster.Groups.JoinAsync(join, context.Version, context.ClientId, context.ClientHost)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return ForVersion(response, context.Version);
    }

    private static JoinGroupResponse Error(string memberId, ErrorCode error) =>
        new() { ErrorCode = (short)error, MemberId = memberId, GenerationId = -1, ProtocolName = null, Leader = "" };

    /// <summary>Drops what the version cannot carry: protocol type before v7 (and a null protocol name), SkipAssignment before v9.</summary>
    private static JoinGroupResponse ForVersion(JoinGroupResponse response, short version)
    {
        if (version < JoinGroupVersions.ProtocolType)
        {
            response.ProtocolType = null;
            response.ProtocolName ??= "";
        }

        if (version < JoinGroupVersions.SkipAssignment)
        {
            response.SkipAssignment = false;
        }

        if (version < JoinGroupVersions.InstanceIds)
        {
            foreach (JoinGroupResponse.JoinGroupResponseMember member in response.Members)
            {
                member.GroupInstanceId = null;
            }
        }

        return response;
    }
}
