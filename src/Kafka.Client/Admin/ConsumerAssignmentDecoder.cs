using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Admin;

/// <summary>
/// Decodes a member's assignment in the classic consumer protocol: an int16 version, then a
/// <see cref="ConsumerProtocolAssignment"/> of that version (a newer version is read as the newest this codec knows,
/// as Java's <c>ConsumerProtocol</c> does: versions only add fields at the end).
/// </summary>
internal static class ConsumerAssignmentDecoder
{
    /// <summary>The assignment; empty for empty bytes (a member that has none yet).</summary>
    /// <exception cref="KafkaProtocolException">The bytes are not a consumer protocol assignment.</exception>
    public static MemberAssignment Decode(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return new MemberAssignment([]);
        }

        var reader = new KafkaReader(bytes);
        short version = reader.ReadInt16("ConsumerProtocolAssignment.Version");
        if (version < ConsumerProtocolAssignment.LowestSupportedVersion)
        {
            throw new KafkaProtocolException($"Consumer protocol assignment version {version} is not valid.");
        }

        var assignment = ConsumerProtocolAssignment.Read(ref reader, Math.Min(version, ConsumerProtocolAssignment.HighestSupportedVersion));
        return new MemberAssignment(
            [.. assignment.AssignedPartitions.SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p)))],
            assignment.UserData ?? ReadOnlyMemory<byte>.Empty);
    }
}
