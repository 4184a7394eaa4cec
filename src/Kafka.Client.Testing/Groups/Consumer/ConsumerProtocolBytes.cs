using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>
/// The consumer protocol's bytes that classic members carry in JoinGroup and SyncGroup (an int16 version, then a
/// ConsumerProtocolSubscription or ConsumerProtocolAssignment), read for the consumer group coordinator.
/// </summary>
internal static class ConsumerProtocolBytes
{
    /// <summary>The message, read at its version (newer versions as the newest known, whose fields they extend), or null when malformed.</summary>
    public static T? Read<T>(ReadOnlySpan<byte> bytes)
        where T : class, IKafkaMessage<T>
    {
        try
        {
            var reader = new KafkaReader(bytes);
            short version = reader.ReadInt16("ConsumerProtocol.Version");
            return T.Read(ref reader, Math.Min(version, T.HighestSupportedVersion));
        }
        catch (KafkaProtocolException)
        {
            return null;
        }
    }

    /// <summary>Partitions named by topic name, by topic id; topics the cluster does not have are left out.</summary>
    public static HashSet<TopicIdPartition> ToTopicIds(IEnumerable<(string Topic, List<int> Partitions)> named, IReadOnlyDictionary<string, TopicInfo> byName) =>
        [.. named.Where(t => byName.ContainsKey(t.Topic)).SelectMany(t => t.Partitions.Select(p => new TopicIdPartition(byName[t.Topic].Id, p)))];
}
