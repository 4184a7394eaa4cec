using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// ListGroups (16): the groups this broker coordinates (an admin client asks every broker), filtered by state from
/// v4 (KIP-518) and by type from v5 (KIP-848; all groups here are "classic").
/// </summary>
internal sealed class ListGroupsHandler : ApiHandler<ListGroupsRequest, ListGroupsResponse>
{
    public override ApiKey Api => ApiKey.ListGroups;

    public override ValueTask<ListGroupsResponse?> HandleAsync(RequestContext context, ListGroupsRequest list, CancellationToken cancellationToken)
    {
        var response = new ListGroupsResponse();
        if (context.ForcedError != ErrorCode.None)
        {
            response.ErrorCode = (short)context.ForcedError;
            return ValueTask.FromResult<ListGroupsResponse?>(response);
        }

        IReadOnlyCollection<string> states = context.Version >= ListGroupsVersions.States ? list.StatesFilter : [];
        IReadOnlyCollection<string> types = context.Version >= ListGroupsVersions.Types ? list.TypesFilter : [];
        // Kafka: DESCRIBE on the cluster lists every group; otherwise only the groups the principal may describe.
        bool all = context.AuthorizeCluster(AclOperation.Describe);
        response.Groups = [.. context.Cluster.Groups.List(context.IsCoordinatorFor, states, types)
            .Where(g => all || context.Authorize(AclOperation.Describe, ResourceType.Group, g.GroupId))];
        foreach (ListGroupsResponse.ListedGroup group in response.Groups)
        {
            group.GroupState = context.Version >= ListGroupsVersions.States ? group.GroupState : "";
            group.GroupType = context.Version >= ListGroupsVersions.Types ? group.GroupType : "";
        }

        return ValueTask.FromResult<ListGroupsResponse?>(response);
    }
}
