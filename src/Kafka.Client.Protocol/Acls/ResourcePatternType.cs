// Codes from Apache Kafka 4.0: clients/src/main/java/org/apache/kafka/common/resource/PatternType.java.
namespace Kafka.Client.Protocol;

/// <summary>How an ACL's resource name matches resources (the INT8 <c>pattern_type</c> of the ACL APIs, KIP-290).</summary>
public enum ResourcePatternType : sbyte
{
    /// <summary>A pattern type this version does not know.</summary>
    Unknown = 0,

    /// <summary>In a filter: any pattern type, with the name matched exactly.</summary>
    Any = 1,

    /// <summary>In a filter: every pattern that applies to the name (literal, the <c>*</c> wildcard, or a prefix of it).</summary>
    Match = 2,

    /// <summary>The name is the resource's name, or <c>*</c> for every resource of the type.</summary>
    Literal = 3,

    /// <summary>The name is a prefix of the resources' names.</summary>
    Prefixed = 4,
}
