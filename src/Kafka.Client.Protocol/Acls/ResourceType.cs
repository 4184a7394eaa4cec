// Codes from Apache Kafka 4.0: clients/src/main/java/org/apache/kafka/common/resource/ResourceType.java.
namespace Kafka.Client.Protocol;

/// <summary>The kind of resource an ACL is about (the INT8 <c>resource_type</c> of the ACL APIs).</summary>
public enum ResourceType : sbyte
{
    /// <summary>A resource type this version does not know.</summary>
    Unknown = 0,

    /// <summary>In a filter: any type.</summary>
    Any = 1,

    /// <summary>A topic.</summary>
    Topic = 2,

    /// <summary>A consumer group.</summary>
    Group = 3,

    /// <summary>The cluster; its name is always <c>kafka-cluster</c>.</summary>
    Cluster = 4,

    /// <summary>A transactional id.</summary>
    TransactionalId = 5,

    /// <summary>A delegation token.</summary>
    DelegationToken = 6,

    /// <summary>A user (for delegation tokens).</summary>
    User = 7,
}
