using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Handlers;

/// <summary>DeleteAcls (31): removes the ACLs that pass each filter, answering each filter with the ACLs it removed. ALTER on the cluster is required.</summary>
internal sealed class DeleteAclsHandler : ApiHandler<DeleteAclsRequest, DeleteAclsResponse>
{
    public override ApiKey Api => ApiKey.DeleteAcls;

    public override ValueTask<DeleteAclsResponse?> HandleAsync(RequestContext context, DeleteAclsRequest delete, CancellationToken cancellationToken)
    {
        Authorizer authorizer = context.Cluster.Security.Authorizer;
        ErrorCode refused = AclRequests.Refusal(context, authorizer, AclOperation.Alter);
        var response = new DeleteAclsResponse();
        foreach (DeleteAclsRequest.DeleteAclsFilter given in delete.Filters)
        {
            AclFilter filter = AclRequests.Filter(given.ResourceTypeFilter, given.ResourceNameFilter, given.PatternTypeFilter,
                given.PrincipalFilter, given.HostFilter, given.Operation, given.PermissionType);
            var result = new DeleteAclsResponse.DeleteAclsFilterResult { ErrorCode = (short)refused };
            if (refused != ErrorCode.None)
            {
                result.ErrorMessage = AclRequests.Message(refused);
            }
            else if (filter.IsInvalid)
            {
                result.ErrorCode = (short)ErrorCode.InvalidRequest;
                result.ErrorMessage = "The filter has an UNKNOWN value.";
            }
            else
            {
                result.MatchingAcls = [.. authorizer.Delete(filter).Select(r => new DeleteAclsResponse.DeleteAclsMatchingAcl
                {
                    ResourceType = (sbyte)r.ResourceType,
                    ResourceName = r.ResourceName,
                    PatternType = (sbyte)r.PatternType,
                    Principal = r.Principal,
                    Host = r.Host,
                    Operation = (sbyte)r.Operation,
                    PermissionType = (sbyte)r.Permission,
                })];
            }

            response.FilterResults.Add(result);
        }

        return ValueTask.FromResult<DeleteAclsResponse?>(response);
    }
}
