// Codes from Apache Kafka 4.0: clients/src/main/java/org/apache/kafka/clients/admin/ScramMechanism.java.
namespace Kafka.Client.Protocol;

/// <summary>A SCRAM mechanism as the SCRAM credential APIs name it (the INT8 <c>mechanism</c> of Describe/AlterUserScramCredentials).</summary>
public enum ScramMechanism : sbyte
{
    /// <summary>A mechanism this version does not know.</summary>
    Unknown = 0,

    /// <summary>SCRAM-SHA-256.</summary>
    ScramSha256 = 1,

    /// <summary>SCRAM-SHA-512.</summary>
    ScramSha512 = 2,
}
