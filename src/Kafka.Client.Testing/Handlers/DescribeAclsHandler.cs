using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Handlers;

/// <summary>DescribeAcls (29): the ACLs that pass the filter, grouped by resource pattern. DESCRIBE on the cluster is required.</summary>
internal sealed class DescribeAclsHandler : ApiHandler<DescribeAclsRequest, DescribeAclsResponse>
{
    public override ApiKey Api => ApiKey.DescribeAcls;

    public override ValueTask<DescribeAclsResponse?> HandleAsync(RequestContext context, DescribeAclsRequest describe, CancellationToken cancellationToken)
    {
        Authorizer authorizer = context.Cluster.Security.Authorizer;
        var response = new DescribeAclsResponse();
        ErrorCode refused = AclRequests.Refusal(context, authorizer, AclOperation.Describe);
        AclFilter filter = AclRequests.Filter(describe.ResourceTypeFilter, describe.ResourceNameFilter, describe.PatternTypeFilter,
            describe.PrincipalFilter, describe.HostFilter, describe.Operation, describe.PermissionType);
        if (refused != ErrorCode.None || filter.IsInvalid)
        {
            response.ErrorCode = (short)(refused != ErrorCode.None ? refused : ErrorCode.InvalidRequest);
            response.ErrorMessage = refused != ErrorCode.None ? AclRequests.Message(refused) : "The filter has an UNKNOWN value.";
            return ValueTask.FromResult<DescribeAclsResponse?>(response);
        }

        foreach (var resource in authorizer.Describe(filter).GroupBy(r => (r.ResourceType, r.ResourceName, r.PatternType)))
        {
            response.Resources.Add(new DescribeAclsResponse.DescribeAclsResource
            {
                ResourceType = (sbyte)resource.Key.ResourceType,
                ResourceName = resource.Key.ResourceName,
                PatternType = (sbyte)resource.Key.PatternType,
                Acls = [.. resource.Select(r => new DescribeAclsResponse.AclDescription
                {
                    Principal = r.Principal,
                    Host = r.Host,
                    Operation = (sbyte)r.Operation,
                    PermissionType = (sbyte)r.Permission,
                })],
            });
        }

        return ValueTask.FromResult<DescribeAclsResponse?>(response);
    }
}
