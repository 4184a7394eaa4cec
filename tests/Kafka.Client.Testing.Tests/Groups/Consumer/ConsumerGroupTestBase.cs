using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups.Consumer;

/// <summary>
/// A cluster with short consumer-group timeouts, and a raw-protocol member of a consumer-protocol group (KIP-848)
/// that sends ConsumerGroupHeartbeat as a client would: a full request to join, then its epoch and what it owns.
/// </summary>
public abstract class ConsumerGroupTestBase : GroupTestBase
{
    protected const int HeartbeatIntervalMs = 100;

    protected const int ConsumerSessionTimeoutMs = 1_000;

    protected override EmbeddedKafkaClusterOptions Options => new()
    {
        Brokers = 1,
        ConsumerGroupMinSessionTimeoutMs = 100,
        ConsumerGroupSessionTimeoutMs = ConsumerSessionTimeoutMs,
        ConsumerGroupMinHeartbeatIntervalMs = 10,
        ConsumerGroupHeartbeatIntervalMs = HeartbeatIntervalMs,
    };

    /// <summary>An OffsetCommit of partition 0 of <paramref name="topic"/> by a member at its epoch (or generation).</summary>
    protected static OffsetCommitRequest Commit(string groupId, string topic, string memberId, int epoch, long offset) => new()
    {
        GroupId = groupId,
        MemberId = memberId,
        GenerationIdOrMemberEpoch = epoch,
        Topics = [new OffsetCommitRequest.OffsetCommitRequestTopic
        {
            Name = topic,
            Partitions = [new OffsetCommitRequest.OffsetCommitRequestPartition { PartitionIndex = 0, CommittedOffset = offset, CommittedLeaderEpoch = -1 }],
        }],
    };

    /// <summary>Sends the commit; the error of its one partition.</summary>
    protected static async Task<ErrorCode> CommitAsync(RawConnection connection, OffsetCommitRequest request, short version = 9) =>
        Error((await connection.SendAsync<OffsetCommitResponse>(request, version)).Topics[0].Partitions[0].ErrorCode);

    /// <summary>The topic's id, from a Metadata v12 answer.</summary>
    protected static async Task<KafkaUuid> TopicIdAsync(RawConnection connection, string topic)
    {
        MetadataResponse metadata = await connection.SendAsync<MetadataResponse>(
            new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = topic }] }, 12);
        return metadata.Topics.Single().TopicId;
    }

    protected static IEnumerable<(KafkaUuid, int)> Partitions(KafkaUuid topic, params int[] partitions) => partitions.Select(p => (topic, p));

    /// <summary>A member as a client tracks it: its id, its epoch, and the partitions it owns.</summary>
    protected sealed class Member(RawConnection connection, string groupId, string? instanceId = null)
    {
        public string MemberId { get; set; } = KafkaUuid.NewRandom().ToString();

        public int Epoch { get; private set; }

        public HashSet<(KafkaUuid Topic, int Partition)> Owned { get; private set; } = [];

        public ConsumerGroupHeartbeatResponse? Last { get; private set; }

        /// <summary>Joins (epoch 0) subscribing to <paramref name="topics"/> or <paramref name="regex"/>.</summary>
        public Task<ConsumerGroupHeartbeatResponse> JoinAsync(string[]? topics = null, string? regex = null, string? assignor = null, int rebalanceTimeoutMs = 5_000) =>
            SendAsync(new ConsumerGroupHeartbeatRequest
            {
                GroupId = groupId,
                MemberId = MemberId,
                MemberEpoch = 0,
                InstanceId = instanceId,
                RebalanceTimeoutMs = rebalanceTimeoutMs,
                SubscribedTopicNames = topics is null ? null : [.. topics],
                SubscribedTopicRegex = regex,
                ServerAssignor = assignor,
                TopicPartitions = [],
            });

        /// <summary>A regular heartbeat with the epoch and owned partitions (as a client sends after a change).</summary>
        public Task<ConsumerGroupHeartbeatResponse> HeartbeatAsync(int? epoch = null) => SendAsync(new ConsumerGroupHeartbeatRequest
        {
            GroupId = groupId,
            MemberId = MemberId,
            MemberEpoch = epoch ?? Epoch,
            InstanceId = instanceId,
            RebalanceTimeoutMs = -1,
            TopicPartitions = [.. Owned.GroupBy(p => p.Topic).Select(t => new ConsumerGroupHeartbeatRequest.TopicPartitionsData
            {
                TopicId = t.Key, Partitions = [.. t.Select(p => p.Partition)],
            })],
        });

        /// <summary>Leaves with epoch -1, or -2 for a static member that comes back.</summary>
        public Task<ConsumerGroupHeartbeatResponse> LeaveAsync(int epoch = -1) => SendAsync(new ConsumerGroupHeartbeatRequest
        {
            GroupId = groupId, MemberId = MemberId, MemberEpoch = epoch, InstanceId = instanceId, RebalanceTimeoutMs = -1,
        });

        public async Task<ConsumerGroupHeartbeatResponse> SendAsync(ConsumerGroupHeartbeatRequest request, short version = 1)
        {
            ConsumerGroupHeartbeatResponse response = await connection.SendAsync<ConsumerGroupHeartbeatResponse>(request, version);
            Last = response;
            if (response.ErrorCode == 0)
            {
                Epoch = response.MemberEpoch;
                MemberId = response.MemberId ?? MemberId;
                if (response.Assignment is { } assignment)
                {
                    // A client revokes what is gone and takes what is new at once; the next heartbeat says so.
                    Owned = [.. assignment.TopicPartitions.SelectMany(t => t.Partitions.Select(p => (t.TopicId, p)))];
                }
            }

            return response;
        }
    }

    protected static void AssertNoOverlap(params Member[] members)
    {
        var seen = new HashSet<(KafkaUuid, int)>();
        foreach (Member member in members)
        {
            foreach (var partition in member.Owned)
            {
                Assert.That(seen.Add(partition), Is.True, $"partition {partition.Partition} is owned by two members at once");
            }
        }
    }
}
