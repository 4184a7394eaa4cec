using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// ConsumerGroupDescribe (69, KIP-848): consumer-protocol groups with their epochs, assignor and members (current and
/// target assignments); DESCRIBE on each group is authorized, and a classic group is GROUP_ID_NOT_FOUND.
/// </summary>
internal sealed class ConsumerGroupDescribeHandler : ApiHandler<ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse>
{
    public override ApiKey Api => ApiKey.ConsumerGroupDescribe;

    public override ValueTask<ConsumerGroupDescribeResponse?> HandleAsync(RequestContext context, ConsumerGroupDescribeRequest describe, CancellationToken cancellationToken)
    {
        var response = new ConsumerGroupDescribeResponse();
        foreach (string groupId in describe.GroupIds)
        {
            ErrorCode error = context.ForcedError != ErrorCode.None ? context.ForcedError
                : !context.Authorize(AclOperation.Describe, ResourceType.Group, groupId) ? ErrorCode.GroupAuthorizationFailed
                : !context.IsCoordinatorFor(groupId) ? ErrorCode.NotCoordinator
                : ErrorCode.None;
            if (error != ErrorCode.None)
            {
                response.Groups.Add(new ConsumerGroupDescribeResponse.DescribedGroup { GroupId = groupId, ErrorCode = (short)error, GroupState = "", AssignorName = "" });
                continue;
            }

            ConsumerGroupDescribeResponse.DescribedGroup group = context.Cluster.Groups.DescribeConsumerGroup(groupId, id => context.Cluster.FindTopic(id)?.Name);
            group.AuthorizedOperations = describe.IncludeAuthorizedOperations
                ? context.AuthorizedOperations(ResourceType.Group, groupId, DescribeGroupsHandler.GroupOperations)
                : int.MinValue;
            response.Groups.Add(group);
        }

        return ValueTask.FromResult<ConsumerGroupDescribeResponse?>(response);
    }
}
