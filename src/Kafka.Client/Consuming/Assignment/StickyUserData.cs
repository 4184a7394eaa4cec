using System.Buffers.Binary;
using Kafka.Client.Protocol;

namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// The user data the sticky assignors attach to a subscription, in the layouts other clients write and read.
/// </summary>
/// <remarks>
/// <para><c>sticky</c> (Java's <c>StickyAssignor</c> schemas <c>STICKY_ASSIGNOR_USER_DATA_V0/V1</c>, and what
/// librdkafka's <c>rd_kafka_sticky_assignor_get_metadata</c> writes for <c>cooperative-sticky</c>):
/// <c>previous_assignment: [topic: string, partitions: [int32]]</c>, then in v1 <c>generation: int32</c>. There is no
/// version field: a reader tries v1 and falls back to v0.</para>
/// <para><c>cooperative-sticky</c> (Java's <c>CooperativeStickyAssignor</c> schema
/// <c>COOPERATIVE_STICKY_ASSIGNOR_USER_DATA_V0</c>): <c>generation: int32</c>, read only from subscriptions older
/// than v2, which have no generation field.</para>
/// </remarks>
internal static class StickyUserData
{
    /// <summary>Encodes <c>sticky</c> user data (v1): the previous assignment and its generation.</summary>
    public static byte[] EncodeSticky(IEnumerable<TopicPartition> previousAssignment, int generation)
    {
        List<(string Topic, List<int> Partitions)> topics = TopicPartitions.GroupSorted(previousAssignment);
        using var output = new PooledBufferWriter(256);
        var writer = new KafkaWriter(output);
        writer.WriteArrayLength(topics.Count);
        foreach ((string topic, List<int> partitions) in topics)
        {
            writer.WriteString(topic);
            writer.WriteArrayLength(partitions.Count);
            foreach (int partition in partitions)
            {
                writer.WriteInt32(partition);
            }
        }

        writer.WriteInt32(generation);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Decodes <c>sticky</c> user data as Java's <c>StickyAssignor.deserializeTopicPartitionAssignment</c> does: v1
    /// gives a generation, v0 none, and bytes that are neither give no partitions and generation -1.
    /// </summary>
    public static StickyMemberData DecodeSticky(ReadOnlySpan<byte> userData)
    {
        var reader = new KafkaReader(userData);
        var partitions = new List<TopicPartition>();
        try
        {
            int topicCount = reader.ReadArrayLength("previous_assignment", 6);
            if (topicCount < 0)
            {
                return new StickyMemberData([], -1);
            }

            for (int t = 0; t < topicCount; t++)
            {
                string topic = reader.ReadString("topic");
                int partitionCount = reader.ReadArrayLength("partitions", 4);
                if (partitionCount < 0)
                {
                    return new StickyMemberData([], -1);
                }

                for (int p = 0; p < partitionCount; p++)
                {
                    partitions.Add(new TopicPartition(topic, reader.ReadInt32("partition")));
                }
            }
        }
        catch (KafkaProtocolException)
        {
            return new StickyMemberData([], -1);
        }

        int? generation = reader.Remaining >= 4 ? reader.ReadInt32("generation") : null;
        return new StickyMemberData(partitions, generation);
    }

    /// <summary>Encodes <c>cooperative-sticky</c> user data: the generation.</summary>
    public static byte[] EncodeCooperative(int generation)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, generation);
        return bytes;
    }

    /// <summary>
    /// Decodes <c>cooperative-sticky</c> user data as Java's <c>CooperativeStickyAssignor.memberData</c> does: the
    /// first four bytes are the generation; fewer give -1.
    /// </summary>
    public static int DecodeCooperative(ReadOnlySpan<byte> userData) =>
        userData.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(userData) : -1;
}
