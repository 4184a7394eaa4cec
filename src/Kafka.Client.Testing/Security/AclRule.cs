using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Security;

/// <summary>One ACL as the authorizer keeps it: a resource pattern and an access control entry.</summary>
internal sealed record AclRule(
    ResourceType ResourceType,
    string ResourceName,
    ResourcePatternType PatternType,
    string Principal,
    string Host,
    AclOperation Operation,
    AclPermissionType Permission)
{
    /// <summary>The name of the one cluster resource.</summary>
    public const string ClusterName = "kafka-cluster";

    /// <summary>The wildcard of literal names, principals (<c>User:*</c>) and hosts.</summary>
    public const string Wildcard = "*";

    /// <summary>True when this rule's pattern applies to the resource <paramref name="name"/> of type <paramref name="type"/>.</summary>
    public bool AppliesTo(ResourceType type, string name) =>
        ResourceType == type && PatternType switch
        {
            ResourcePatternType.Literal => ResourceName == Wildcard || ResourceName == name,
            ResourcePatternType.Prefixed => name.StartsWith(ResourceName, StringComparison.Ordinal),
            _ => false,
        };

    /// <summary>True when this rule is about <paramref name="principal"/> connecting from <paramref name="host"/>.</summary>
    public bool Concerns(string principal, string host) =>
        (Principal == principal || Principal == "User:" + Wildcard) && (Host == Wildcard || Host == host);

    /// <summary>
    /// True when this rule's operation covers <paramref name="operation"/>: the same, or All; for an Allow also the
    /// implied ones (Describe by Read, Write, Delete or Alter; DescribeConfigs by AlterConfigs), as Kafka's authorizer.
    /// </summary>
    public bool Covers(AclOperation operation) =>
        Operation == operation || Operation == AclOperation.All || (Permission == AclPermissionType.Allow && operation switch
        {
            AclOperation.Describe => Operation is AclOperation.Read or AclOperation.Write or AclOperation.Delete or AclOperation.Alter,
            AclOperation.DescribeConfigs => Operation == AclOperation.AlterConfigs,
            _ => false,
        });

    /// <summary>Why this rule cannot be created (Kafka's checks in <c>CreateAcls</c>), or null when it can.</summary>
    public string? Invalid()
    {
        if (ResourceType is ResourceType.Any or ResourceType.Unknown || PatternType is not (ResourcePatternType.Literal or ResourcePatternType.Prefixed)
            || Operation is AclOperation.Any or AclOperation.Unknown || Permission is not (AclPermissionType.Allow or AclPermissionType.Deny))
        {
            return "Invalid ACL creation: the resource type, pattern type, operation and permission must be concrete values.";
        }

        if (ResourceName.Length == 0)
        {
            return "Invalid ACL creation: the resource name is empty.";
        }

        if (ResourceType == ResourceType.Cluster && ResourceName != ClusterName)
        {
            return $"Invalid ACL creation: the cluster resource is named {ClusterName}.";
        }

        int colon = Principal.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 || colon == Principal.Length - 1 ? $"Invalid ACL creation: the principal '{Principal}' is not TYPE:NAME (User:alice)." : null;
    }
}
