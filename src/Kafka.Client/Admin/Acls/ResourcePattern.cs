using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>The resources an ACL applies to: a type, a name, and how the name matches (Java's <c>ResourcePattern</c>).</summary>
/// <param name="Type">The resource type: <see cref="ResourceType.Topic"/>, <see cref="ResourceType.Group"/>, <see cref="ResourceType.Cluster"/>, <see cref="ResourceType.TransactionalId"/>...</param>
/// <param name="Name">The name, the prefix for <see cref="ResourcePatternType.Prefixed"/>, <c>*</c> for every resource of the type, <c>kafka-cluster</c> for the cluster.</param>
/// <param name="PatternType"><see cref="ResourcePatternType.Literal"/> or <see cref="ResourcePatternType.Prefixed"/>.</param>
public sealed record ResourcePattern(ResourceType Type, string Name, ResourcePatternType PatternType = ResourcePatternType.Literal)
{
    /// <summary>The name of the cluster resource.</summary>
    public const string ClusterName = "kafka-cluster";

    /// <summary>The cluster, for cluster-wide operations (Create topics, Alter ACLs, IdempotentWrite...).</summary>
    public static ResourcePattern Cluster { get; } = new(ResourceType.Cluster, ClusterName);
}
