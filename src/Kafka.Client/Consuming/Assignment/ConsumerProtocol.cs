using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// The "consumer" embedded protocol: a member's subscription (JoinGroup metadata) and its assignment (SyncGroup
/// member state), each an int16 version followed by the body of <see cref="ConsumerProtocolSubscription"/> or
/// <see cref="ConsumerProtocolAssignment"/>.
/// </summary>
/// <remarks>
/// Versions (Kafka's <c>ConsumerProtocolSubscription.json</c> / <c>ConsumerProtocolAssignment.json</c>): subscription
/// v1 adds owned partitions (KIP-429), v2 the generation, v3 the rack (KIP-881); the assignment body is the same in
/// v0 to v3. We write subscriptions at v3, as the Java client (<c>ConsumerProtocol.serializeSubscription</c>) and
/// librdkafka 2.x (<c>rd_kafka_consumer_protocol_member_metadata_new</c>) do. We write assignments at v3 as the Java
/// leader does; every client reads any assignment version: Java reads a newer version as its highest, librdkafka
/// (which writes v0) ignores the version, and the body has never changed.
/// </remarks>
internal static class ConsumerProtocol
{
    /// <summary>The protocol type consumer groups register in JoinGroup.</summary>
    public const string ProtocolType = "consumer";

    /// <summary>The subscription version we write.</summary>
    public const short SubscriptionVersion = 3;

    /// <summary>The assignment version we write.</summary>
    public const short AssignmentVersion = 3;

    /// <summary>Encodes a member's subscription, with topics and owned partitions sorted as the Java client sorts them.</summary>
    /// <param name="topics">The subscribed topics.</param>
    /// <param name="userData">The assignor's user data; empty is written as empty bytes, not null (librdkafka does the same).</param>
    /// <param name="owned">The partitions the member owns (written from v1).</param>
    /// <param name="generationId">The generation in which it owns them, or -1 (written from v2).</param>
    /// <param name="rackId">The member's rack, or null (written from v3).</param>
    /// <param name="version">The version to write, 0 to 3.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not 0 to 3.</exception>
    public static byte[] EncodeSubscription(
        IReadOnlyCollection<string> topics,
        ReadOnlyMemory<byte> userData,
        IReadOnlyCollection<TopicPartition> owned,
        int generationId,
        string? rackId,
        short version = SubscriptionVersion)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(owned);
        CheckVersion(version, ConsumerProtocolSubscription.HighestSupportedVersion);

        var sortedTopics = new List<string>(topics);
        sortedTopics.Sort(StringComparer.Ordinal);
        var message = new ConsumerProtocolSubscription
        {
            Topics = sortedTopics,
            UserData = userData,
            GenerationId = generationId,
            RackId = rackId,
        };

        // Owned partitions only exist from v1; the generated writer refuses them at v0.
        if (version >= 1)
        {
            foreach ((string topic, List<int> partitions) in TopicPartitions.GroupSorted(owned))
            {
                message.OwnedPartitions.Add(new ConsumerProtocolSubscription.TopicPartition { Topic = topic, Partitions = partitions });
            }
        }

        return VersionPrefixed(message, version);
    }

    /// <summary>Decodes the JoinGroup metadata of one member.</summary>
    /// <param name="memberId">The member id (from JoinGroup).</param>
    /// <param name="groupInstanceId">The member's static id (from JoinGroup), or null.</param>
    /// <param name="metadata">The member's metadata for the chosen protocol.</param>
    /// <remarks>
    /// A version newer than v3 is read as v3 (newer versions only append fields, Kafka's rule in
    /// <c>ConsumerProtocol.checkSubscriptionVersion</c>); v0 has no owned partitions and v0-v1 no generation.
    /// An empty rack reads as no rack, as in the Java client.
    /// </remarks>
    /// <exception cref="KafkaException">The metadata is empty, has a negative version or is malformed
    /// (<see cref="ErrorCode.InconsistentGroupProtocol"/>).</exception>
    public static GroupMemberSubscription DecodeSubscription(string memberId, string? groupInstanceId, ReadOnlySpan<byte> metadata)
    {
        ArgumentNullException.ThrowIfNull(memberId);
        ConsumerProtocolSubscription message = ReadVersionPrefixed<ConsumerProtocolSubscription>(metadata, "subscription", memberId);
        return new GroupMemberSubscription
        {
            MemberId = memberId,
            GroupInstanceId = groupInstanceId,
            Topics = message.Topics,
            OwnedPartitions = Flatten(message.OwnedPartitions, static tp => (tp.Topic, tp.Partitions)),
            GenerationId = message.GenerationId,
            RackId = string.IsNullOrEmpty(message.RackId) ? null : message.RackId,
            UserData = message.UserData ?? ReadOnlyMemory<byte>.Empty,
        };
    }

    /// <summary>Encodes an assignment, partitions grouped by topic in the order the topics first appear.</summary>
    /// <param name="assignment">The member's assignment.</param>
    /// <param name="version">The version to write, 0 to 3 (the body is the same in all).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not 0 to 3.</exception>
    public static byte[] EncodeAssignment(MemberAssignment assignment, short version = AssignmentVersion)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        CheckVersion(version, ConsumerProtocolAssignment.HighestSupportedVersion);

        var message = new ConsumerProtocolAssignment { UserData = assignment.UserData };
        foreach ((string topic, List<int> partitions) in TopicPartitions.GroupInOrder(assignment.Partitions))
        {
            message.AssignedPartitions.Add(new ConsumerProtocolAssignment.TopicPartition { Topic = topic, Partitions = partitions });
        }

        return VersionPrefixed(message, version);
    }

    /// <summary>Decodes the assignment a member received in SyncGroup.</summary>
    /// <param name="memberState">The member state bytes.</param>
    /// <remarks>
    /// Empty bytes are an empty assignment: the coordinator sends them to a member the leader left out, and librdkafka
    /// (<c>rd_kafka_cgrp_handle_SyncGroup_memberstate</c>) reads them so. A version newer than v3 is read as v3.
    /// </remarks>
    /// <exception cref="KafkaException">The bytes have a negative version or are malformed
    /// (<see cref="ErrorCode.InconsistentGroupProtocol"/>).</exception>
    public static MemberAssignment DecodeAssignment(ReadOnlySpan<byte> memberState)
    {
        if (memberState.IsEmpty)
        {
            return new MemberAssignment([]);
        }

        ConsumerProtocolAssignment message = ReadVersionPrefixed<ConsumerProtocolAssignment>(memberState, "assignment", null);
        return new MemberAssignment(
            Flatten(message.AssignedPartitions, static tp => (tp.Topic, tp.Partitions)),
            message.UserData ?? ReadOnlyMemory<byte>.Empty);
    }

    private static byte[] VersionPrefixed<T>(T message, short version)
        where T : IKafkaMessage<T>
    {
        using var output = new PooledBufferWriter(message.GetSize(version) + 2);
        var writer = new KafkaWriter(output);
        writer.WriteInt16(version);
        message.Write(ref writer, version);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    // Kafka's rule (ConsumerProtocol.checkSubscriptionVersion / checkAssignmentVersion): a version newer than ours is
    // read as our highest, since newer versions only append fields.
    private static T ReadVersionPrefixed<T>(ReadOnlySpan<byte> bytes, string what, string? memberId)
        where T : IKafkaMessage<T>
    {
        if (bytes.Length < 2)
        {
            throw Malformed(what, memberId, $"{bytes.Length} bytes, too short for a version", null);
        }

        var reader = new KafkaReader(bytes);
        short version = reader.ReadInt16("Version");
        if (version < 0)
        {
            throw Malformed(what, memberId, $"unsupported version {version}", null);
        }

        try
        {
            return T.Read(ref reader, Math.Min(version, T.HighestSupportedVersion));
        }
        catch (KafkaProtocolException e)
        {
            throw Malformed(what, memberId, e.Message, e);
        }
    }

    private static List<TopicPartition> Flatten<T>(List<T> topics, Func<T, (string Topic, List<int> Partitions)> select)
    {
        var result = new List<TopicPartition>();
        foreach (T item in topics)
        {
            (string topic, List<int> partitions) = select(item);
            foreach (int partition in partitions)
            {
                result.Add(new TopicPartition(topic, partition));
            }
        }

        return result;
    }

    private static void CheckVersion(short version, short highest)
    {
        if (version < 0 || version > highest)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, $"The consumer protocol has versions 0 to {highest}.");
        }
    }

    private static KafkaException Malformed(string what, string? memberId, string problem, Exception? inner) =>
        new(
            ErrorCode.InconsistentGroupProtocol,
            memberId is null
                ? $"Malformed consumer protocol {what}: {problem}."
                : $"Malformed consumer protocol {what} of member {memberId}: {problem}.",
            innerException: inner);
}
