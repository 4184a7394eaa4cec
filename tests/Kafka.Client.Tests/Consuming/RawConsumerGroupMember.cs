using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kafka.Client.Tests.Consuming;

/// <summary>A member of a consumer-protocol group made of one ConsumerGroupHeartbeat over a raw connection: it joins and never heartbeats again.</summary>
internal static class RawConsumerGroupMember
{
    /// <summary>Joins <paramref name="group"/> subscribed to <paramref name="topic"/>; its session times out unless the connection heartbeats.</summary>
    public static async Task<KafkaConnection> JoinAsync(EmbeddedKafkaCluster cluster, string group, string topic)
    {
        KafkaConnection raw = await KafkaConnection.ConnectAsync(new BrokerAddress("127.0.0.1", cluster.PortOf(cluster.CoordinatorOf(group))), 0,
            new ConnectionSettings("raw-member", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), MaxInFlight: 1), NullLogger.Instance, CancellationToken.None);
        ConsumerGroupHeartbeatResponse joined = await raw.SendAsync(new ConsumerGroupHeartbeatRequest
        {
            GroupId = group,
            MemberId = KafkaUuid.NewRandom().ToString(),
            MemberEpoch = 0,
            RebalanceTimeoutMs = 5_000,
            SubscribedTopicNames = [topic],
            TopicPartitions = [],
        }, CancellationToken.None);
        Assert.That((ErrorCode)joined.ErrorCode, Is.EqualTo(ErrorCode.None), joined.ErrorMessage);
        return raw;
    }
}
