using CK = Confluent.Kafka;
using Kafka.Client.Consuming.Assignment;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Assignment;

/// <summary>
/// Real librdkafka subscriptions and assignments, read off the embedded cluster's group coordinator after
/// Confluent.Kafka consumers joined: our codec decodes them, and our assignors given the same subscriptions assign
/// what librdkafka's leader assigned.
/// </summary>
[NonParallelizable]
public class ConfluentConsumerProtocolInteropTests
{
    private const int Partitions = 4;

    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() =>
        _cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 1, GroupMinSessionTimeoutMs = 1_000 });

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task A_librdkafka_cooperative_sticky_group_is_decoded_and_our_assignor_agrees_with_its_leader()
    {
        const string topic = "interop-cooperative";
        const string group = "interop-cooperative";
        await _cluster.CreateTopicAsync(topic, partitions: Partitions);

        using var first = new Member(_cluster.BootstrapServers, group, topic, CK.PartitionAssignmentStrategy.CooperativeSticky, rack: null);
        EmbeddedGroupInfo alone = await WaitForCompleteAsync(group, first);
        EmbeddedGroupMember only = alone.Members.Single();
        GroupMemberSubscription joined = ConsumerProtocol.DecodeSubscription(only.MemberId, only.GroupInstanceId, only.Metadata.Span);

        Assert.Multiple(() =>
        {
            // librdkafka 2.x writes subscription v3 and assignment v0.
            Assert.That(only.Metadata.Span[..2].ToArray(), Is.EqualTo(new byte[] { 0, 3 }));
            Assert.That(only.Assignment.Span[..2].ToArray(), Is.EqualTo(new byte[] { 0, 0 }));
            Assert.That(joined.Topics, Is.EqualTo(new[] { topic }));
            Assert.That(joined.OwnedPartitions, Is.Empty);
            Assert.That(joined.GenerationId, Is.EqualTo(-1));
            Assert.That(joined.RackId, Is.Null);
            Assert.That(ConsumerProtocol.DecodeAssignment(only.Assignment.Span).Partitions, Has.Count.EqualTo(Partitions));
        });

        using var second = new Member(_cluster.BootstrapServers, group, topic, CK.PartitionAssignmentStrategy.CooperativeSticky, rack: null);
        EmbeddedGroupInfo both = await WaitForCompleteAsync(group, first, second);
        List<GroupMemberSubscription> subscriptions = [.. both.Members.Select(m => ConsumerProtocol.DecodeSubscription(m.MemberId, m.GroupInstanceId, m.Metadata.Span))];
        GroupMemberSubscription firstMember = subscriptions.Single(s => s.MemberId == only.MemberId);

        // librdkafka's cooperative-sticky sends its previous assignment twice: in the subscription's owned partitions
        // and generation, and in the user data in the sticky layout.
        StickyMemberData userData = StickyUserData.DecodeSticky(firstMember.UserData.Span);
        Assert.Multiple(() =>
        {
            Assert.That(firstMember.OwnedPartitions, Is.Not.Empty);
            Assert.That(firstMember.GenerationId, Is.GreaterThan(0));
            Assert.That(userData.Partitions, Is.EquivalentTo(firstMember.OwnedPartitions));
            Assert.That(userData.Generation, Is.EqualTo(firstMember.GenerationId));
        });

        AssertOurAssignorAgrees(new CooperativeStickyAssignor(), both, subscriptions, topic);
    }

    [Test]
    public async Task A_librdkafka_range_group_with_racks_is_decoded_and_our_assignor_agrees_with_its_leader()
    {
        const string topic = "interop-range";
        const string group = "interop-range";
        await _cluster.CreateTopicAsync(topic, partitions: Partitions);

        using var first = new Member(_cluster.BootstrapServers, group, topic, CK.PartitionAssignmentStrategy.Range, rack: "rack-a");
        using var second = new Member(_cluster.BootstrapServers, group, topic, CK.PartitionAssignmentStrategy.Range, rack: "rack-b");
        EmbeddedGroupInfo both = await WaitForCompleteAsync(group, first, second);
        List<GroupMemberSubscription> subscriptions = [.. both.Members.Select(m => ConsumerProtocol.DecodeSubscription(m.MemberId, m.GroupInstanceId, m.Metadata.Span))];

        Assert.Multiple(() =>
        {
            Assert.That(subscriptions.Select(s => s.RackId), Is.EquivalentTo(new[] { "rack-a", "rack-b" }));
            Assert.That(subscriptions.Select(s => s.Topics), Is.All.EqualTo(new[] { topic }));
        });

        AssertOurAssignorAgrees(new RangeAssignor(), both, subscriptions, topic);
    }

    /// <summary>Our assignor, given the subscriptions librdkafka's leader had, assigns every member what the leader did.</summary>
    private static void AssertOurAssignorAgrees(
        IPartitionAssignor assignor, EmbeddedGroupInfo group, List<GroupMemberSubscription> subscriptions, string topic)
    {
        IReadOnlyDictionary<string, MemberAssignment> ours =
            GroupAssignmentRunner.Assign(subscriptions, assignor, new Dictionary<string, int> { [topic] = Partitions });

        Assert.Multiple(() =>
        {
            foreach (EmbeddedGroupMember member in group.Members)
            {
                Assert.That(ours[member.MemberId].Partitions, Is.EquivalentTo(ConsumerProtocol.DecodeAssignment(member.Assignment.Span).Partitions), member.MemberId);
            }
        });
    }

    /// <summary>
    /// Waits until the group is stable with one member per consumer, the partitions are split among all of them, and
    /// each Confluent consumer reports the assignment the coordinator holds for one of the members.
    /// </summary>
    private async Task<EmbeddedGroupInfo> WaitForCompleteAsync(string groupId, params Member[] consumers)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            EmbeddedGroupInfo? group = _cluster.DescribeGroup(groupId);
            if (group is { State: "Stable" } && group.Members.Count == consumers.Length)
            {
                List<HashSet<TopicPartition>> assigned =
                    [.. group.Members.Select(m => ConsumerProtocol.DecodeAssignment(m.Assignment.Span).Partitions.ToHashSet())];
                bool complete = assigned.All(a => a.Count > 0) && assigned.SelectMany(a => a).Distinct().Count() == Partitions
                    && assigned.Sum(a => a.Count) == Partitions;
                bool reported = consumers.All(c => assigned.Any(a => a.SetEquals(c.Assignment.Select(tp => new TopicPartition(tp.Topic, tp.Partition.Value)))));
                if (complete && reported)
                {
                    return group;
                }
            }

            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"group {groupId} did not settle with {consumers.Length} members: state {group?.State}, {group?.Members.Count} members");
            }
        }
    }

    /// <summary>A Confluent consumer polling on its own thread.</summary>
    private sealed class Member : IDisposable
    {
        private readonly CK.IConsumer<CK.Ignore, CK.Ignore> _consumer;
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private volatile CK.TopicPartition[] _assignment = [];

        public Member(string bootstrap, string group, string topic, CK.PartitionAssignmentStrategy strategy, string? rack)
        {
            var config = new CK.ConsumerConfig
            {
                BootstrapServers = bootstrap,
                GroupId = group,
                PartitionAssignmentStrategy = strategy,
                ClientRack = rack,
                SessionTimeoutMs = 2_000,
                HeartbeatIntervalMs = 200,
                EnableAutoCommit = false,
            };
            _consumer = new CK.ConsumerBuilder<CK.Ignore, CK.Ignore>(config).Build();
            _consumer.Subscribe(topic);
            _thread = new Thread(Poll) { IsBackground = true };
            _thread.Start();
        }

        public IReadOnlyList<CK.TopicPartition> Assignment => _assignment;

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            _consumer.Close();
            _consumer.Dispose();
            _stop.Dispose();
        }

        private void Poll()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    _consumer.Consume(TimeSpan.FromMilliseconds(50));
                }
                catch (CK.ConsumeException)
                {
                }

                _assignment = [.. _consumer.Assignment];
            }
        }
    }
}
