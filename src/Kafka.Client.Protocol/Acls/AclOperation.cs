// Codes from Apache Kafka 4.0: clients/src/main/java/org/apache/kafka/common/acl/AclOperation.java.
namespace Kafka.Client.Protocol;

/// <summary>An operation an ACL allows or denies (the INT8 <c>operation</c> of the ACL APIs).</summary>
public enum AclOperation : sbyte
{
    /// <summary>An operation this version does not know.</summary>
    Unknown = 0,

    /// <summary>In a filter: any operation.</summary>
    Any = 1,

    /// <summary>Every operation.</summary>
    All = 2,

    /// <summary>Read a topic (fetch, commit offsets), join a group.</summary>
    Read = 3,

    /// <summary>Write to a topic, use a transactional id.</summary>
    Write = 4,

    /// <summary>Create topics (on the cluster or a topic).</summary>
    Create = 5,

    /// <summary>Delete topics, records or groups.</summary>
    Delete = 6,

    /// <summary>Alter a topic (add partitions) or the cluster (ACLs).</summary>
    Alter = 7,

    /// <summary>See a topic, group, transactional id or the cluster; implied by Read, Write, Delete and Alter.</summary>
    Describe = 8,

    /// <summary>Inter-broker requests.</summary>
    ClusterAction = 9,

    /// <summary>Read configs; implied by <see cref="AlterConfigs"/>.</summary>
    DescribeConfigs = 10,

    /// <summary>Change configs.</summary>
    AlterConfigs = 11,

    /// <summary>Idempotent produce (implied by Write on any topic since Kafka 3.0, KIP-679).</summary>
    IdempotentWrite = 12,

    /// <summary>Create delegation tokens.</summary>
    CreateTokens = 13,

    /// <summary>Describe delegation tokens.</summary>
    DescribeTokens = 14,
}
