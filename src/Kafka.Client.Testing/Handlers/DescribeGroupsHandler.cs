using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// DescribeGroups (15): state, protocol type, protocol and members of each group; an unknown group is "Dead"
/// without error. Groups this broker does not coordinate get NOT_COORDINATOR with an empty state.
/// </summary>
internal sealed class DescribeGroupsHandler : ApiHandler<DescribeGroupsRequest, DescribeGroupsResponse>
{
    /// <summary>
    /// The operations a group supports (Kafka's AclEntry.supportedOperations(GROUP)): READ (3), DELETE (6), DESCRIBE (8),
    /// DESCRIBE_CONFIGS (10), ALTER_CONFIGS (11); authorized-operations answers (KIP-430) report them as a bit field.
    /// Shared with ConsumerGroupDescribe.
    /// </summary>
    internal static readonly AclOperation[] GroupOperations = [AclOperation.Read, AclOperation.Delete, AclOperation.Describe, AclOperation.DescribeConfigs, AclOperation.AlterConfigs];

    public override ApiKey Api => ApiKey.DescribeGroups;

    public override ValueTask<DescribeGroupsResponse?> HandleAsync(RequestContext context, DescribeGroupsRequest describe, CancellationToken cancellationToken)
    {
        var response = new DescribeGroupsResponse();
        foreach (string groupId in describe.Groups)
        {
            DescribeGroupsResponse.DescribedGroup group;
            if (!context.Authorize(AclOperation.Describe, ResourceType.Group, groupId))
            {
                group = new DescribeGroupsResponse.DescribedGroup { GroupId = groupId, ErrorCode = (short)ErrorCode.GroupAuthorizationFailed };
            }
            else if (context.ForcedError != ErrorCode.None || !context.IsCoordinatorFor(groupId))
            {
                group = new DescribeGroupsResponse.DescribedGroup { GroupId = groupId, ErrorCode = context.Error(ErrorCode.NotCoordinator) };
            }
            else
            {
                group = context.Cluster.Groups.Describe(groupId);
                if (context.Version >= DescribeGroupsVersions.AuthorizedOperations && describe.IncludeAuthorizedOperations)
                {
                    group.AuthorizedOperations = context.AuthorizedOperations(ResourceType.Group, groupId, GroupOperations);
                }
            }

            if (context.Version < DescribeGroupsVersions.InstanceIds)
            {
                foreach (DescribeGroupsResponse.DescribedGroupMember member in group.Members)
                {
                    member.GroupInstanceId = null;
                }
            }

            response.Groups.Add(group);
        }

        return ValueTask.FromResult<DescribeGroupsResponse?>(response);
    }
}
