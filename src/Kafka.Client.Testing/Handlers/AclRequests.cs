using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Handlers;

/// <summary>What the three ACL APIs share: who may call them, and their filters.</summary>
internal static class AclRequests
{
    /// <summary>SECURITY_DISABLED without an authorizer, CLUSTER_AUTHORIZATION_FAILED without <paramref name="operation"/> on the cluster, else None.</summary>
    public static ErrorCode Refusal(RequestContext context, Authorizer authorizer, AclOperation operation) =>
        context.ForcedError != ErrorCode.None ? context.ForcedError
        : !authorizer.IsEnabled ? ErrorCode.SecurityDisabled
        : !context.AuthorizeCluster(operation) ? ErrorCode.ClusterAuthorizationFailed
        : ErrorCode.None;

    /// <summary>The message Kafka gives with a refusal.</summary>
    public static string Message(ErrorCode error) => error switch
    {
        ErrorCode.SecurityDisabled => "No Authorizer is configured.",
        ErrorCode.ClusterAuthorizationFailed => "Cluster authorization failed.",
        _ => error.Describe(),
    };

    /// <summary>A filter from the fields of DescribeAcls and DeleteAcls.</summary>
    public static AclFilter Filter(sbyte type, string? name, sbyte pattern, string? principal, string? host, sbyte operation, sbyte permission) =>
        new((ResourceType)type, name, (ResourcePatternType)pattern, principal, host, (AclOperation)operation, (AclPermissionType)permission);
}
