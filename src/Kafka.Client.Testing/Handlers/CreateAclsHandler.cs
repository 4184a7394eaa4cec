using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// CreateAcls (30): adds ACLs, one result per creation. ALTER on the cluster is required (CLUSTER_AUTHORIZATION_FAILED);
/// SECURITY_DISABLED without an authorizer; INVALID_REQUEST for an ACL with Any/Unknown values, as Kafka's
/// <c>AclControlManager</c>.
/// </summary>
internal sealed class CreateAclsHandler : ApiHandler<CreateAclsRequest, CreateAclsResponse>
{
    public override ApiKey Api => ApiKey.CreateAcls;

    public override ValueTask<CreateAclsResponse?> HandleAsync(RequestContext context, CreateAclsRequest create, CancellationToken cancellationToken)
    {
        Authorizer authorizer = context.Cluster.Security.Authorizer;
        ErrorCode refused = AclRequests.Refusal(context, authorizer, AclOperation.Alter);
        var response = new CreateAclsResponse();
        foreach (CreateAclsRequest.AclCreation creation in create.Creations)
        {
            var result = new CreateAclsResponse.AclCreationResult { ErrorCode = (short)refused };
            if (refused == ErrorCode.None)
            {
                var rule = new AclRule((ResourceType)creation.ResourceType, creation.ResourceName, (ResourcePatternType)creation.ResourcePatternType,
                    creation.Principal, creation.Host, (AclOperation)creation.Operation, (AclPermissionType)creation.PermissionType);
                if (rule.Invalid() is { } why)
                {
                    result.ErrorCode = (short)ErrorCode.InvalidRequest;
                    result.ErrorMessage = why;
                }
                else
                {
                    authorizer.Add(rule);
                }
            }
            else
            {
                result.ErrorMessage = AclRequests.Message(refused);
            }

            response.Results.Add(result);
        }

        return ValueTask.FromResult<CreateAclsResponse?>(response);
    }
}
