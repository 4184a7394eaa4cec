using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Kafka.Client.TestSupport.Eventually;

namespace Kafka.Client.Tests.Consuming;

/// <summary>
/// The consumer group protocol of KIP-848 (<c>group.protocol=consumer</c>) against the embedded broker's coordinator,
/// with short <c>group.consumer.*</c> timeouts so each test takes a few seconds.
/// </summary>
public class ConsumerProtocolGroupTests : ConsumerTestBase
{
    protected override EmbeddedKafkaClusterOptions ClusterOptions => FastConsumerGroups();

    private ConsumerOptions Options(string group, Action<ConsumerOptions>? configure = null)
    {
        var options = new ConsumerOptions
        {
            BootstrapServers = Cluster.BootstrapServers,
            GroupId = group,
            GroupProtocol = GroupProtocol.Consumer,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchMaxWaitMs = 50,
        };
        configure?.Invoke(options);
        return options;
    }

    private static string Owned(params GroupMemberRunner[] members) => string.Join("; ", members.Select(m => m.ToString()));

    [Test]
    [CancelAfter(30_000)]
    public async Task A_member_joins_consumes_commits_with_its_epoch_and_leaves_the_group_empty()
    {
        await Cluster.CreateTopicAsync("cp-join", partitions: 4);
        await ProduceAsync("cp-join", 40, 4);
        await using var consumer = new KafkaConsumer<string, string>(Options("cp-join-g", o => o.EnableAutoCommit = false));
        consumer.Subscribe("cp-join");

        List<ConsumeResult<string, string>> records = await ConsumeAsync(consumer, 40);
        await consumer.CommitAsync();

        EmbeddedConsumerGroupInfo group = Cluster.DescribeConsumerGroup("cp-join-g")!;
        Assert.That(group.Members, Has.Count.EqualTo(1));
        Assert.That(group.Members[0].MemberId, Is.EqualTo(consumer.MemberId), "KIP-1082: the broker knows the member by the id the client generated");
        Assert.That(consumer.ConsumerGroupMetadata.GenerationId, Is.EqualTo(group.Members[0].MemberEpoch));
        Assert.That(records.Select(r => r.Message.Value).Distinct().Count(), Is.EqualTo(40));
        for (int p = 0; p < 4; p++)
        {
            Assert.That(Cluster.CommittedOffset("cp-join-g", "cp-join", p), Is.EqualTo(10), $"partition {p}");
        }

        await consumer.DisposeAsync();
        Assert.That(Cluster.DescribeConsumerGroup("cp-join-g")!.Members, Is.Empty, "the member left with epoch -1");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_crashed_member_loses_its_partitions_to_the_others_when_its_session_times_out()
    {
        await Cluster.CreateTopicAsync("cp-crash", partitions: 4);
        await using var survivor = new GroupMemberRunner("survivor", Options("cp-crash-g"), "cp-crash").Start();
        await WaitUntilAsync(() => survivor.Consumer.Assignment.Count == 4, () => $"the first member to own all ({survivor})");

        // A member that joins and then never heartbeats again: a process that crashed.
        await using KafkaConnection raw = await KafkaConnection.ConnectAsync(new BrokerAddress("127.0.0.1", Cluster.PortOf(1)), 0,
            new ConnectionSettings("crashing", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), MaxInFlight: 1), NullLogger.Instance, CancellationToken.None);
        ConsumerGroupHeartbeatResponse joined = await raw.SendAsync(new ConsumerGroupHeartbeatRequest
        {
            GroupId = "cp-crash-g",
            MemberId = KafkaUuid.NewRandom().ToString(),
            MemberEpoch = 0,
            RebalanceTimeoutMs = 5_000,
            SubscribedTopicNames = ["cp-crash"],
            TopicPartitions = [],
        }, CancellationToken.None);
        Assert.That((ErrorCode)joined.ErrorCode, Is.EqualTo(ErrorCode.None));

        await WaitUntilAsync(() => survivor.Consumer.Assignment.Count == 2, () => $"the survivor to give up two partitions to the new member ({survivor})");
        var clock = Stopwatch.StartNew();
        await WaitUntilAsync(() => survivor.Consumer.Assignment.Count == 4, () => $"the survivor to own all again after the crashed member's session timeout ({survivor})", seconds: 10);
        Assert.That(clock.ElapsedMilliseconds, Is.GreaterThan(500), "the partitions came back through the session timeout, not at once");
        Assert.That(survivor.Lost, Is.Empty);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_topic_created_later_that_matches_the_regex_is_assigned()
    {
        await Cluster.CreateTopicAsync("cp-rx-a", partitions: 2);
        await Cluster.CreateTopicAsync("cp-other", partitions: 2);
        await using var consumer = new KafkaConsumer<string, string>(Options("cp-rx-g"));
        var assigned = new ConcurrentQueue<TopicPartition>();
        consumer.OnPartitionsAssigned = (partitions, _) =>
        {
            foreach (TopicPartition p in partitions)
            {
                assigned.Enqueue(p);
            }

            return ValueTask.CompletedTask;
        };
        consumer.Subscribe(new Regex("cp-rx-.*"));
        using var stop = new CancellationTokenSource();
        Task loop = ConsumeUntilStoppedAsync(consumer, stop.Token);
        await WaitUntilAsync(() => consumer.Assignment.Count == 2, () => $"cp-rx-a's partitions ([{string.Join(", ", consumer.Assignment)}])");

        await Cluster.CreateTopicAsync("cp-rx-b", partitions: 3);
        await WaitUntilAsync(() => consumer.Assignment.Count == 5, () => $"cp-rx-b's partitions too ([{string.Join(", ", consumer.Assignment)}])", seconds: 15);

        Assert.That(consumer.Assignment.Select(p => p.Topic).Distinct().Order(), Is.EqualTo(new[] { "cp-rx-a", "cp-rx-b" }));
        Assert.That(assigned.Select(p => p.Topic), Has.None.EqualTo("cp-other"));
        await stop.CancelAsync();
        await loop;
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_static_member_restarting_within_its_session_gets_its_partitions_back_and_the_others_see_no_rebalance()
    {
        await Cluster.CreateTopicAsync("cp-static", partitions: 4);
        await using var other = new GroupMemberRunner("other", Options("cp-static-g"), "cp-static").Start();
        var first = new GroupMemberRunner("static-1", Options("cp-static-g", o => o.GroupInstanceId = "node-1"), "cp-static").Start();
        await WaitUntilAsync(() => other.Consumer.Assignment.Count == 2 && first.Consumer.Assignment.Count == 2, () => $"a balanced group ({Owned(other, first)})");
        TopicPartition[] kept = [.. other.Consumer.Assignment];
        TopicPartition[] staticOwned = [.. first.Consumer.Assignment];
        int otherEpoch = other.Epoch;
        other.ClearEvents();

        await first.DisposeAsync(); // leaves with epoch -2: the coordinator keeps its place
        await using var second = new GroupMemberRunner("static-2", Options("cp-static-g", o => o.GroupInstanceId = "node-1"), "cp-static").Start();
        await WaitUntilAsync(() => second.Consumer.Assignment.Count == 2, () => $"the restarted static member to own two partitions ({Owned(other, second)})", seconds: 10);

        Assert.That(second.Consumer.Assignment, Is.EquivalentTo(staticOwned), "the same partitions as before the restart");
        Assert.That(other.Consumer.Assignment, Is.EquivalentTo(kept));
        Assert.That(other.Revoked, Is.Empty, "no rebalance for the other member");
        Assert.That(other.Epoch, Is.EqualTo(otherEpoch), "no assignment event at the other member");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Ten_members_join_one_by_one_while_records_flow_and_no_partition_is_ever_owned_by_two()
    {
        const int Partitions = 20;
        await Cluster.CreateTopicAsync("cp-ten", partitions: Partitions);
        var members = new List<GroupMemberRunner>();
        var overlaps = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();

        // Records keep flowing into every partition.
        long produced = 0;
        Task producing = Task.Run(async () =>
        {
            await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, LingerMs = 2 });
            while (!stop.IsCancellationRequested)
            {
                long n = Interlocked.Increment(ref produced);
                await producer.ProduceAsync(new TopicPartition("cp-ten", (int)(n % Partitions)), new Message<string, string> { Key = "k", Value = $"v{n}" });
            }
        });

        // Watches the members' assignments: a partition in two members' hands at once is a failure.
        Task watching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                GroupMemberRunner[] now;
                lock (members)
                {
                    now = [.. members];
                }

                var owners = new Dictionary<TopicPartition, string>();
                foreach (GroupMemberRunner member in now)
                {
                    foreach (TopicPartition p in member.Consumer.Assignment)
                    {
                        if (!owners.TryAdd(p, member.Name))
                        {
                            overlaps.Enqueue($"{p} owned by {owners[p]} and {member.Name}");
                        }
                    }
                }

                await Task.Delay(2);
            }
        });

        try
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 10; i++)
            {
                var member = new GroupMemberRunner($"m{i}", Options("cp-ten-g"), "cp-ten").Start();
                lock (members)
                {
                    members.Add(member);
                }

                int expected = Partitions / (i + 1);
                GroupMemberRunner[] joined;
                lock (members)
                {
                    joined = [.. members];
                }

                await WaitUntilAsync(() => joined.All(m => m.Consumer.Assignment.Count >= expected) && joined.Sum(m => m.Consumer.Assignment.Count) == Partitions,
                    () => $"{i + 1} members sharing {Partitions} partitions ({Owned(joined)})", seconds: 20);
            }

            TestContext.Out.WriteLine($"10 members joined one by one in {clock.ElapsedMilliseconds} ms");

            // Every record produced so far is consumed by the group.
            long target = Interlocked.Read(ref produced) - 1;
            GroupMemberRunner[] all = [.. members];
            await WaitUntilAsync(() => ConsumedValues(all).Count >= target, () => $"the group to consume the {target} records produced ({ConsumedValues(all).Count} so far)", seconds: 20);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(producing, watching).ContinueWith(_ => { });
        }

        Assert.That(overlaps.Distinct().Take(10), Is.Empty, "a partition was owned by two members at once");
        ReportPauses(members);
        Assert.That(members.SelectMany(m => m.Lost), Is.Empty, "no member lost partitions");
        foreach (GroupMemberRunner member in members)
        {
            await member.DisposeAsync();
        }
    }

    /// <summary>Prints, per partition, how long consumption stopped while its ownership moved.</summary>
    private static void ReportPauses(List<GroupMemberRunner> members)
    {
        var byPartition = members.SelectMany(m => m.Records).GroupBy(r => r.Partition)
            .Select(g => g.Select(r => r.Message.Timestamp.UnixTimestampMs).Order().ToList());
        var gaps = byPartition.SelectMany(ts => ts.Zip(ts.Skip(1), (a, b) => b - a)).Where(g => g > 200).Order().ToList();
        TestContext.Out.WriteLine($"pauses above 200 ms between records of one partition (by produce time): {gaps.Count}; longest {(gaps.Count > 0 ? gaps[^1] : 0)} ms");
    }

    private static HashSet<string> ConsumedValues(IEnumerable<GroupMemberRunner> members) => [.. members.SelectMany(m => m.Records).Select(r => r.Message.Value)];

    [Test]
    [CancelAfter(30_000)]
    public async Task The_admin_client_describes_a_consumer_protocol_group_with_epochs_and_assignments_and_a_classic_group_as_classic()
    {
        await Cluster.CreateTopicAsync("cp-describe", partitions: 4);
        await using var member = new GroupMemberRunner("m", Options("cp-describe-g", o => o.GroupRemoteAssignor = "range"), "cp-describe").Start();
        await using var classic = new GroupMemberRunner("c", ConsumerOptions("cp-describe-classic"), "cp-describe").Start();
        await WaitUntilAsync(() => member.Consumer.Assignment.Count == 4 && classic.Consumer.Assignment.Count == 4, () => $"both groups assigned ({Owned(member, classic)})");
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = Cluster.BootstrapServers });

        IReadOnlyList<ConsumerGroupDescription> described = await admin.DescribeConsumerGroupsAsync(["cp-describe-g", "cp-describe-classic", "cp-describe-none"]);

        ConsumerGroupDescription group = described[0];
        Assert.That(group.Error, Is.Null);
        Assert.That(group.GroupType, Is.EqualTo("consumer"));
        Assert.That(group.PartitionAssignor, Is.EqualTo("range"));
        Assert.That(group.State, Is.EqualTo(ConsumerGroupState.Stable));
        Assert.That(group.GroupEpoch, Is.GreaterThan(0));
        Assert.That(group.TargetAssignmentEpoch, Is.EqualTo(group.GroupEpoch));
        MemberDescription described0 = group.Members.Single();
        Assert.That(described0.MemberId, Is.EqualTo(member.Consumer.MemberId));
        Assert.That(described0.MemberEpoch, Is.EqualTo(member.Consumer.ConsumerGroupMetadata.GenerationId));
        Assert.That(described0.Assignment.Partitions, Is.EquivalentTo(member.Consumer.Assignment));
        Assert.That(described0.TargetAssignment!.Partitions, Is.EquivalentTo(member.Consumer.Assignment));
        Assert.That(described0.SubscribedTopicNames, Is.EqualTo(new[] { "cp-describe" }));
        Assert.That(described[1].GroupType, Is.EqualTo("classic"));
        Assert.That(described[1].Members.Single().Assignment.Partitions, Has.Count.EqualTo(4));
        Assert.That(described[1].GroupEpoch, Is.Null);
        Assert.That(described[2].State, Is.EqualTo(ConsumerGroupState.Dead));

        ListConsumerGroupsResult consumerGroups = await admin.ListConsumerGroupsAsync(types: ["consumer"]);
        Assert.That(consumerGroups.Valid.Select(g => (g.GroupId, g.GroupType)), Is.EqualTo(new[] { ("cp-describe-g", "consumer") }));
        ListConsumerGroupsResult all = await admin.ListConsumerGroupsAsync();
        Assert.That(all.Valid.Select(g => (g.GroupId, g.GroupType)), Is.EquivalentTo(new[] { ("cp-describe-g", "consumer"), ("cp-describe-classic", "classic") }));
    }

    [Test]
    public void A_consumer_of_the_consumer_protocol_with_a_session_timeout_is_refused_at_construction()
    {
        Assert.That(() => new KafkaConsumer<string, string>(Options("cp-refused", o => o.SessionTimeoutMs = 10_000)),
            Throws.ArgumentException.With.Message.StartsWith("session.timeout.ms cannot be set when group.protocol=consumer"));
    }

    private static async Task ConsumeUntilStoppedAsync(KafkaConsumer<string, string> consumer, CancellationToken stop)
    {
        try
        {
            await foreach (ConsumeResult<string, string> _ in consumer.ConsumeAsync(stop))
            {
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
