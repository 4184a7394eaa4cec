using System.Collections.Concurrent;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing;
using static Kafka.Client.TestSupport.Eventually;

namespace Kafka.Client.Tests.Consuming;

/// <summary>
/// How a member of the consumer protocol (KIP-848, <c>group.protocol=consumer</c>) gets back on its feet, against the
/// embedded broker: a commit with a stale member epoch, <c>max.poll.interval.ms</c> expiring, fencing, a broker
/// without the protocol, and a broker of ConsumerGroupHeartbeat v0. Each follows Java's <c>ConsumerMembershipManager</c>,
/// <c>AbstractMembershipManager</c> and <c>CommitRequestManager</c> (Kafka 4.0).
/// </summary>
public class ConsumerProtocolRecoveryTests : ConsumerTestBase
{
    protected override EmbeddedKafkaClusterOptions ClusterOptions => Fast();

    private static EmbeddedKafkaClusterOptions Fast(int sessionTimeoutMs = 1_500) => FastConsumerGroups(sessionTimeoutMs, keepRecentRequests: true);

    private ConsumerOptions Options(string group, Action<ConsumerOptions>? configure = null) => Options(Cluster, group, configure);

    private static ConsumerOptions Options(EmbeddedKafkaCluster cluster, string group, Action<ConsumerOptions>? configure = null)
    {
        var options = new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = group,
            GroupProtocol = GroupProtocol.Consumer,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchMaxWaitMs = 50,
        };
        configure?.Invoke(options);
        return options;
    }

    private static string Owned(params GroupMemberRunner[] members) => string.Join("; ", members.Select(m => m.ToString()));

    private static List<OffsetCommitRequest> Commits(EmbeddedKafkaCluster cluster, string group) =>
        [.. cluster.RecentRequests<OffsetCommitRequest>().Select(r => r.Request).Where(r => r.GroupId == group)];

    private static List<ConsumerGroupHeartbeatRequest> Heartbeats(EmbeddedKafkaCluster cluster, string group) =>
        [.. cluster.RecentRequests<ConsumerGroupHeartbeatRequest>().Select(r => r.Request).Where(r => r.GroupId == group)];

    private static int BrokerEpoch(EmbeddedKafkaCluster cluster, string group, string memberId) =>
        cluster.DescribeConsumerGroup(group)?.Members.FirstOrDefault(m => m.MemberId == memberId)?.MemberEpoch ?? 0;

    /// <summary>Consumes (records or not) until <paramref name="condition"/> holds: the consume loop applies assignments.</summary>
    private static async Task PollUntilAsync(KafkaConsumer<string, string> consumer, Func<bool> condition, string what, int seconds = 20)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {seconds} s waiting for {what}");
            }

            await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(50));
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_commit_answered_STALE_MEMBER_EPOCH_is_sent_again_after_the_next_heartbeat_and_commits_the_offsets()
    {
        await Cluster.CreateTopicAsync("cpr-stale", partitions: 2);
        await ProduceAsync("cpr-stale", 20, 2);
        await using var consumer = new KafkaConsumer<string, string>(Options("cpr-stale-g"));
        consumer.Subscribe("cpr-stale");
        await ConsumeAsync(consumer, 20);
        int before = Commits(Cluster, "cpr-stale-g").Count;

        Cluster.FailNextRequests(ApiKey.OffsetCommit, 1, ErrorCode.StaleMemberEpoch);
        await consumer.CommitAsync();

        // CommitRequestManager (commitSync): STALE_MEMBER_EPOCH is retriable, sent again with the latest epoch.
        List<OffsetCommitRequest> commits = Commits(Cluster, "cpr-stale-g");
        Assert.That(commits, Has.Count.EqualTo(before + 2), "the refused commit and its retry");
        int epoch = BrokerEpoch(Cluster, "cpr-stale-g", consumer.MemberId);
        Assert.That(commits[^1].GenerationIdOrMemberEpoch, Is.EqualTo(epoch));
        Assert.That(commits[^1].MemberId, Is.EqualTo(consumer.MemberId));
        Assert.That(Cluster.CommittedOffset("cpr-stale-g", "cpr-stale", 0), Is.EqualTo(10));
        Assert.That(Cluster.CommittedOffset("cpr-stale-g", "cpr-stale", 1), Is.EqualTo(10));
    }

    [Test]
    [CancelAfter(40_000)]
    public async Task A_commit_with_an_epoch_the_coordinator_moved_past_is_sent_again_with_the_epoch_of_the_next_heartbeat()
    {
        // Heartbeat answers held back 1.5 s: the coordinator gives the member a new epoch that the member does not know
        // yet, and a commit meanwhile carries the old one. A session long enough for heartbeats 1.6 s apart.
        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(Fast(sessionTimeoutMs: 6_000));
        await cluster.CreateTopicAsync("cpr-moved", partitions: 2);
        await cluster.CreateTopicAsync("cpr-moved-other", partitions: 1);
        await using (var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers }))
        {
            for (int i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(new TopicPartition("cpr-moved", i % 2), new Message<string, string> { Key = "k", Value = $"v{i}" });
            }
        }

        await using var consumer = new KafkaConsumer<string, string>(Options(cluster, "cpr-moved-g"));
        consumer.Subscribe("cpr-moved");
        await ConsumeAsync(consumer, 10);
        int known = consumer.ConsumerGroupMetadata.GenerationId;
        Assert.That(BrokerEpoch(cluster, "cpr-moved-g", consumer.MemberId), Is.EqualTo(known));

        cluster.DelayResponses(ApiKey.ConsumerGroupHeartbeat, TimeSpan.FromMilliseconds(1_500));
        // A member of another topic joins: the group epoch moves, and the consumer's next heartbeat takes it to the new
        // epoch at once (nothing to revoke), in an answer that is held back.
        await using KafkaConnection other = await RawConsumerGroupMember.JoinAsync(cluster, "cpr-moved-g", "cpr-moved-other");
        await WaitUntilAsync(() => BrokerEpoch(cluster, "cpr-moved-g", consumer.MemberId) > known,
            () => $"the coordinator to move the member past epoch {known} (it has {BrokerEpoch(cluster, "cpr-moved-g", consumer.MemberId)})", seconds: 10);
        Assert.That(consumer.ConsumerGroupMetadata.GenerationId, Is.EqualTo(known), "the answer with the new epoch is still held back");
        int before = Commits(cluster, "cpr-moved-g").Count;

        await consumer.CommitAsync();

        cluster.DelayResponses(ApiKey.ConsumerGroupHeartbeat, TimeSpan.Zero);
        int now = BrokerEpoch(cluster, "cpr-moved-g", consumer.MemberId);
        List<OffsetCommitRequest> commits = Commits(cluster, "cpr-moved-g");
        Assert.That(commits.Skip(before).Select(c => c.GenerationIdOrMemberEpoch), Is.EqualTo(new[] { known, now }),
            "refused with the old epoch (STALE_MEMBER_EPOCH), then sent with the one the next heartbeat brought");
        Assert.That(consumer.ConsumerGroupMetadata.GenerationId, Is.EqualTo(now));
        Assert.That(cluster.CommittedOffset("cpr-moved-g", "cpr-moved", 0), Is.EqualTo(5));
        Assert.That(cluster.CommittedOffset("cpr-moved-g", "cpr-moved", 1), Is.EqualTo(5));
    }

    [Test]
    [CancelAfter(40_000)]
    public async Task A_member_that_stops_polling_past_max_poll_interval_leaves_its_partitions_go_to_the_other_and_it_rejoins_when_it_polls_again()
    {
        await Cluster.CreateTopicAsync("cpr-poll", partitions: 4);
        await using var steady = new GroupMemberRunner("steady", Options("cpr-poll-g"), "cpr-poll").Start();
        await using var slow = new GroupMemberRunner("slow", Options("cpr-poll-g", o => o.MaxPollIntervalMs = 1_500), "cpr-poll").Start();
        await WaitUntilAsync(() => steady.Consumer.Assignment.Count == 2 && slow.Consumer.Assignment.Count == 2, () => $"a balanced group ({Owned(steady, slow)})");
        slow.ClearEvents(); // the revocations of the first balancing are not what this test is about
        TopicPartition[] slowOwned = [.. slow.Consumer.Assignment];
        string slowId = slow.Consumer.MemberId;
        int leavesBefore = Heartbeats(Cluster, "cpr-poll-g").Count(h => h.MemberId == slowId && h.MemberEpoch == -1);

        await slow.StallAsync(); // the application stops asking for records; the heartbeats go on
        var stalled = System.Diagnostics.Stopwatch.StartNew();

        // AbstractMembershipManager.transitionToSendingLeaveGroup(dueToExpiredPollTimer: true): it leaves with epoch -1
        // and the coordinator gives its partitions to the other member at once.
        await WaitUntilAsync(() => steady.Consumer.Assignment.Count == 4, () => $"the steady member to own all four ({Owned(steady)})", seconds: 15);
        Assert.That(stalled.ElapsedMilliseconds, Is.GreaterThan(1_000), "it left because max.poll.interval.ms (1.5 s) passed, not before");
        EmbeddedConsumerGroupInfo group = Cluster.DescribeConsumerGroup("cpr-poll-g")!;
        Assert.That(group.Members.Select(m => m.MemberId), Is.EqualTo(new[] { steady.Consumer.MemberId }), "the slow member left");
        Assert.That(Heartbeats(Cluster, "cpr-poll-g").Count(h => h.MemberId == slowId && h.MemberEpoch == -1), Is.EqualTo(leavesBefore + 1), "one leave heartbeat (epoch -1)");
        Assert.That(slow.Lost, Is.Empty, "the handlers run when the application polls again, as Java's");

        // The application polls again: the partitions are lost (not revoked: another member may own them now), and the
        // member joins again with epoch 0 and its id (maybeRejoinStaleMember), and gets two partitions back.
        using var stop = new CancellationTokenSource();
        Task again = Task.Run(async () =>
        {
            try
            {
                await foreach (ConsumeResult<string, string> _ in slow.Consumer.ConsumeAsync(stop.Token))
                {
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });
        await WaitUntilAsync(() => slow.Consumer.Assignment.Count == 2 && steady.Consumer.Assignment.Count == 2,
            () => $"the rejoined member to get two partitions back ({Owned(steady, slow)})", seconds: 15);

        Assert.That(slow.Lost, Is.EquivalentTo(slowOwned));
        Assert.That(slow.Revoked, Is.Empty);
        Assert.That(slow.Consumer.MemberId, Is.EqualTo(slowId), "the member id is kept for the consumer's lifetime (KIP-1082)");
        Assert.That(Heartbeats(Cluster, "cpr-poll-g").Any(h => h.MemberId == slowId && h.MemberEpoch == 0 && h.SubscribedTopicNames is ["cpr-poll"]), Is.True, "rejoined with epoch 0");
        Assert.That(Cluster.DescribeConsumerGroup("cpr-poll-g")!.Members, Has.Count.EqualTo(2));
        await stop.CancelAsync();
        await again;
    }

    [TestCase(ErrorCode.FencedMemberEpoch)]
    [TestCase(ErrorCode.UnknownMemberId)]
    [CancelAfter(40_000)]
    public async Task A_fenced_member_loses_its_partitions_rejoins_with_epoch_0_and_its_member_id_and_resumes_from_its_commits(ErrorCode fence)
    {
        string topic = $"cpr-fence-{(int)fence}", group = topic + "-g";
        await Cluster.CreateTopicAsync(topic, partitions: 2);
        await Cluster.CreateTopicAsync(topic + "-other", partitions: 1);
        await ProduceAsync(topic, 40, 2);
        await using var member = new GroupMemberRunner("m", Options(group), topic);
        var committed = new ConcurrentDictionary<int, long>();
        member.OnRecord = async record =>
        {
            // Every record committed as it is consumed, so what was committed before the fence is known exactly.
            if (member.Records.Count < 20)
            {
                await member.Consumer.CommitAsync([new TopicPartitionOffset(record.TopicPartition, record.Offset + 1)]);
                committed[record.Partition] = record.Offset + 1;
            }
        };
        member.Start();
        await WaitUntilAsync(() => member.Records.Count >= 20, () => $"20 records consumed ({member.Records.Count})");
        // A member of another topic comes and goes (its session times out): the member's epoch moves past 1, so that a
        // rejoin with epoch 0 is not accepted only because 0 is its previous epoch.
        await using (await RawConsumerGroupMember.JoinAsync(Cluster, group, topic + "-other"))
        {
            await WaitUntilAsync(() => BrokerEpoch(Cluster, group, member.Consumer.MemberId) >= 3 && Cluster.DescribeConsumerGroup(group)!.Members.Count == 1,
                () => $"the other member gone and the member at epoch 3 or more ({BrokerEpoch(Cluster, group, member.Consumer.MemberId)})", seconds: 10);
        }

        TopicPartition[] owned = [.. member.Consumer.Assignment];
        string memberId = member.Consumer.MemberId;
        Assert.That(owned, Has.Length.EqualTo(2));
        int rejoinsBefore = Heartbeats(Cluster, group).Count(h => h.MemberEpoch == 0);

        Cluster.FailNextRequests(ApiKey.ConsumerGroupHeartbeat, 1, fence);
        await ProduceAsync(topic, 20, 2, start: 40);

        // AbstractMembershipManager.transitionToFenced: onPartitionsLost (not onPartitionsRevoked), then JOINING with
        // epoch 0; the member id stays (KIP-1082: the client's id is kept for the consumer's lifetime).
        await WaitUntilAsync(() => member.Lost.Count > 0, () => "the partitions to be lost");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await WaitUntilAsync(() => member.Consumer.Assignment.Count == 2 && member.Consumer.ConsumerGroupMetadata.GenerationId > 0,
            () => $"the member back in the group ({member}, epoch {member.Consumer.ConsumerGroupMetadata.GenerationId})", seconds: 20);
        TestContext.Out.WriteLine($"back in the group {clock.ElapsedMilliseconds} ms after losing the partitions");
        Assert.That(member.Lost, Is.EquivalentTo(owned));
        Assert.That(member.Revoked, Is.Empty);
        Assert.That(member.Consumer.MemberId, Is.EqualTo(memberId));
        List<ConsumerGroupHeartbeatRequest> rejoins = [.. Heartbeats(Cluster, group).Where(h => h.MemberEpoch == 0)];
        Assert.That(rejoins.Count, Is.GreaterThan(rejoinsBefore), "a heartbeat with epoch 0 after the fence");
        Assert.That(rejoins[^1].MemberId, Is.EqualTo(memberId));
        Assert.That(rejoins[^1].TopicPartitions, Is.Empty, "a rejoining member owns nothing");
        Assert.That(Cluster.DescribeConsumerGroup(group)!.Members.Select(m => m.MemberId), Is.EqualTo(new[] { memberId }));

        // Consumption resumes from the committed offsets: every record from there on arrives, none of the 60 is missed.
        await WaitUntilAsync(() => member.Records.Select(r => r.Message.Value).Distinct().Count() == 60,
            () => $"all 60 records consumed ({member.Records.Select(r => r.Message.Value).Distinct().Count()})", seconds: 20);
        foreach ((int partition, long offset) in committed)
        {
            Assert.That(Cluster.CommittedOffset(group, topic, partition), Is.GreaterThanOrEqualTo(offset), $"partition {partition}: a commit made before the fence");
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Against_a_broker_without_ConsumerGroupHeartbeat_consuming_fails_at_once_naming_the_broker_the_api_and_group_protocol_classic()
    {
        EmbeddedKafkaClusterOptions options = Fast();
        options.MaxApiVersions[ApiKey.ConsumerGroupHeartbeat] = -1; // a Kafka 3.x broker: not advertised, not served
        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(options);
        await cluster.CreateTopicAsync("cpr-old", partitions: 1);
        await using var consumer = new KafkaConsumer<string, string>(Options(cluster, "cpr-old-g"));
        consumer.Subscribe("cpr-old");

        // AbstractHeartbeatRequestManager: UNSUPPORTED_VERSION is fatal, with "Set group.protocol=classic".
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        KafkaException? error = Assert.ThrowsAsync<KafkaException>(async () => await consumer.ConsumeAsync(TimeSpan.FromSeconds(10), timeout.Token));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.UnsupportedVersion));
        Assert.That(error.Message, Does.Contain("ConsumerGroupHeartbeat").And.Contain("broker 1").And.Contain("group.protocol=classic").And.Contain("cpr-old-g"));
        Assert.That(async () => await consumer.CommitAsync([new TopicPartitionOffset("cpr-old", 0, 0)]), Throws.InstanceOf<KafkaException>().With.Property("Error").EqualTo(ErrorCode.UnsupportedVersion),
            "the fatal error stays: commits raise it too");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_coordinator_answering_UNSUPPORTED_VERSION_fails_the_consumer_naming_the_broker_and_group_protocol_classic()
    {
        await Cluster.CreateTopicAsync("cpr-unsupported", partitions: 1);
        Cluster.FailNextRequests(ApiKey.ConsumerGroupHeartbeat, 1, ErrorCode.UnsupportedVersion);
        await using var consumer = new KafkaConsumer<string, string>(Options("cpr-unsupported-g"));
        consumer.Subscribe("cpr-unsupported");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        KafkaException? error = Assert.ThrowsAsync<KafkaException>(async () => await consumer.ConsumeAsync(TimeSpan.FromSeconds(10), timeout.Token));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.UnsupportedVersion));
        Assert.That(error.Message, Does.Contain("ConsumerGroupHeartbeat").And.Contain("broker 1").And.Contain("group.protocol=classic"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Against_a_broker_of_ConsumerGroupHeartbeat_v0_the_member_takes_the_id_the_coordinator_gives_and_keeps_it()
    {
        EmbeddedKafkaClusterOptions options = Fast();
        options.MaxApiVersions[ApiKey.ConsumerGroupHeartbeat] = 0; // before KIP-1082: the coordinator names the member
        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(options);
        await cluster.CreateTopicAsync("cpr-v0", partitions: 2);
        await using var consumer = new KafkaConsumer<string, string>(Options(cluster, "cpr-v0-g"));
        consumer.Subscribe("cpr-v0");
        string generated = consumer.MemberId;

        await PollUntilAsync(consumer, () => consumer.Assignment.Count == 2, "the assignment");
        int sent = cluster.RecentRequests<ConsumerGroupHeartbeatRequest>().Count;
        await WaitUntilAsync(() => cluster.RecentRequests<ConsumerGroupHeartbeatRequest>().Count >= Math.Min(64, sent + 5), () => "five more heartbeats");

        EmbeddedConsumerGroupMember member = cluster.DescribeConsumerGroup("cpr-v0-g")!.Members.Single();
        Assert.That(consumer.MemberId, Is.EqualTo(member.MemberId), "the id the coordinator gave");
        Assert.That(member.MemberId, Is.Not.EqualTo(generated));
        List<(ConsumerGroupHeartbeatRequest Request, short Version)> heartbeats = [.. cluster.RecentRequests<ConsumerGroupHeartbeatRequest>()];
        Assert.That(heartbeats.Select(h => h.Version), Is.All.EqualTo(0));
        Assert.That(heartbeats[0].Request is { MemberEpoch: 0, MemberId: "" }, Is.True, "v0: the first heartbeat asks for an id");
        Assert.That(heartbeats.Skip(1).Select(h => h.Request.MemberId), Is.All.EqualTo(member.MemberId), "and every later one carries it");
        Assert.That(heartbeats.Select(h => h.Request.SubscribedTopicRegex), Is.All.Null, "v0 has no regex field");
    }
}
