// Codes from Apache Kafka 4.0: clients/src/main/java/org/apache/kafka/common/acl/AclPermissionType.java.
namespace Kafka.Client.Protocol;

/// <summary>Whether an ACL allows or denies (the INT8 <c>permission_type</c> of the ACL APIs). A matching Deny wins over any Allow.</summary>
public enum AclPermissionType : sbyte
{
    /// <summary>A permission this version does not know.</summary>
    Unknown = 0,

    /// <summary>In a filter: either.</summary>
    Any = 1,

    /// <summary>Denies the operation.</summary>
    Deny = 2,

    /// <summary>Allows the operation.</summary>
    Allow = 3,
}
