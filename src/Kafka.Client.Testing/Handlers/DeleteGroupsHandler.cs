using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// DeleteGroups (42): deletes Empty groups and their committed offsets; NON_EMPTY_GROUP while a group has members,
/// GROUP_ID_NOT_FOUND for an unknown group.
/// </summary>
internal sealed class DeleteGroupsHandler : ApiHandler<DeleteGroupsRequest, DeleteGroupsResponse>
{
    public override ApiKey Api => ApiKey.DeleteGroups;

    public override ValueTask<DeleteGroupsResponse?> HandleAsync(RequestContext context, DeleteGroupsRequest delete, CancellationToken cancellationToken)
    {
        var response = new DeleteGroupsResponse();
        foreach (string groupId in delete.GroupsNames.Distinct(StringComparer.Ordinal))
        {
            ErrorCode error = context.ForcedError != ErrorCode.None ? context.ForcedError
                : !context.Authorize(AclOperation.Delete, ResourceType.Group, groupId) ? ErrorCode.GroupAuthorizationFailed
                : !context.IsCoordinatorFor(groupId) ? ErrorCode.NotCoordinator
                : context.Cluster.Groups.DeleteGroup(groupId);
            response.Results.Add(new DeleteGroupsResponse.DeletableGroupResult { GroupId = groupId, ErrorCode = (short)error });
        }

        return ValueTask.FromResult<DeleteGroupsResponse?>(response);
    }
}
