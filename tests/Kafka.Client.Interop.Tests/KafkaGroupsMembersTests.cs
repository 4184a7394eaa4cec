using System.Globalization;
using System.Text.RegularExpressions;
using Kafka.Client;
using Kafka.Client.Testing;

namespace Interop.Tests;

/// <summary>
/// `kafka groups --describe --members|--state|--offsets [--verbose]` as Kafka's tool prints them since KIP-1099: epochs
/// and target assignments of a consumer-protocol group, "-" where a classic group has none, committed leader epochs.
/// </summary>
public class KafkaGroupsMembersTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Members_and_state_of_a_consumer_protocol_group_show_its_epochs_and_assignments(CancellationToken cancellationToken)
    {
        await using var cluster = await StartAsync(cancellationToken);
        await using KafkaConsumer<string, string> consumer = await ConsumingAsync(cluster, "kip848", GroupProtocol.Consumer, cancellationToken);
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = cluster.BootstrapServers });
        ConsumerGroupDescription group = (await admin.DescribeConsumerGroupsAsync(["kip848"], cancellationToken))[0];

        string[][] plain = await TableAsync(cluster, "kip848", "--members");
        string[][] verbose = await TableAsync(cluster, "kip848", "--members", "--verbose");
        string[][] state = await TableAsync(cluster, "kip848", "--state", "--verbose");

        Assert.That(plain[0], Is.EqualTo(new[] { "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS" }));
        Assert.That(plain[1], Is.EqualTo(new[] { "kip848", consumer.MemberId, group.Members[0].Host, "kip848-client", "6" }));
        Assert.That(verbose[0], Is.EqualTo(new[] { "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT" }));
        string epoch = consumer.ConsumerGroupMetadata.GenerationId.ToString(CultureInfo.InvariantCulture);
        Assert.That(verbose[1][5..], Is.EqualTo(new[] { epoch, "members:0,1,2;more:0,1,2", epoch, "members:0,1,2;more:0,1,2" }));
        Assert.That(state[0], Is.EqualTo(new[] { "GROUP", "COORDINATOR", "(ID)", "ASSIGNMENT-STRATEGY", "STATE", "GROUP-EPOCH", "TARGET-ASSIGNMENT-EPOCH", "#MEMBERS" }));
        Assert.That(state[1], Is.EqualTo(new[]
        {
            "kip848", $"{group.Coordinator!.Host}:{group.Coordinator.Port}", $"({group.Coordinator.Id})", group.PartitionAssignor, "Stable",
            group.GroupEpoch!.Value.ToString(CultureInfo.InvariantCulture), group.TargetAssignmentEpoch!.Value.ToString(CultureInfo.InvariantCulture), "1",
        }));
        Assert.That(group.PartitionAssignor, Is.EqualTo("uniform"), "the broker's default server assignor");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_classic_group_has_no_epochs_and_verbose_offsets_show_the_committed_leader_epochs(CancellationToken cancellationToken)
    {
        await using var cluster = await StartAsync(cancellationToken);
        await using KafkaConsumer<string, string> consumer = await ConsumingAsync(cluster, "classic", GroupProtocol.Classic, cancellationToken);
        await consumer.CommitAsync(cancellationToken);
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = cluster.BootstrapServers });
        Dictionary<TopicPartition, int?> committed = (await admin.ListConsumerGroupOffsetsAsync("classic", cancellationToken: cancellationToken)).ToDictionary(c => c.TopicPartition, c => c.LeaderEpoch);

        string[][] members = await TableAsync(cluster, "classic", "--members", "--verbose");
        string[][] state = await TableAsync(cluster, "classic", "--state", "--verbose");
        string[][] plainState = await TableAsync(cluster, "classic", "--state");
        string[][] offsets = await TableAsync(cluster, "classic", "--offsets", "--verbose");

        Assert.That(members[1][5..], Is.EqualTo(new[] { "-", "members:0,1,2;more:0,1,2", "-", "-" }));
        Assert.That(state[1][3..], Is.EqualTo(new[] { "range", "Stable", "-", "-", "1" }));
        Assert.That(plainState[0], Is.EqualTo(new[] { "GROUP", "COORDINATOR", "(ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS" }));
        Assert.That(plainState[1][3..], Is.EqualTo(new[] { "range", "Stable", "1" }));
        Assert.That(offsets[0], Is.EqualTo(new[] { "GROUP", "TOPIC", "PARTITION", "LEADER-EPOCH", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID" }));
        Assert.That(offsets, Has.Length.EqualTo(7));
        Assert.That(committed.Values, Has.All.Not.Null, "the consumer commits the leader epoch of each record it read");
        foreach (string[] row in offsets.Skip(1))
        {
            var partition = new TopicPartition(row[1], int.Parse(row[2], CultureInfo.InvariantCulture));
            Assert.That(row[3], Is.EqualTo(committed[partition]!.Value.ToString(CultureInfo.InvariantCulture)), partition.ToString());
            Assert.That(row[6], Is.EqualTo("0"), "lag");
            Assert.That(row[7], Is.EqualTo(consumer.MemberId));
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task List_with_state_and_type_shows_and_filters_them_and_an_empty_group_has_the_members_header_alone(CancellationToken cancellationToken)
    {
        await using var cluster = await StartAsync(cancellationToken);
        await using KafkaConsumer<string, string> modern = await ConsumingAsync(cluster, "modern", GroupProtocol.Consumer, cancellationToken);
        await using (KafkaConsumer<string, string> old = await ConsumingAsync(cluster, "old", GroupProtocol.Classic, cancellationToken))
        {
            await old.CommitAsync(cancellationToken);
        }

        string server = cluster.BootstrapServers;
        string[][] both = Cells(await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", server, "--list", "--state", "--type"));
        string[][] stable = Cells(await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", server, "--list", "--state", "stable"));
        string[][] classic = Cells(await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", server, "--list", "--type", "CLASSIC"));
        ToolResult empty = await KafkaTutorialTests.Kafka("", "groups", "--bootstrap-server", server, "--describe", "--group", "old", "--members");
        ToolResult badState = await KafkaTool.RunAsync("", "groups", "--bootstrap-server", server, "--list", "--state", "Sleeping");

        Assert.That(both, Is.EqualTo(new[] { new[] { "GROUP", "TYPE", "STATE" }, ["modern", "consumer", "Stable"], ["old", "classic", "Empty"] }));
        Assert.That(stable, Is.EqualTo(new[] { new[] { "GROUP", "STATE" }, ["modern", "Stable"] }));
        Assert.That(classic, Is.EqualTo(new[] { new[] { "GROUP", "TYPE" }, ["old", "classic"] }));
        Assert.That(empty.Error, Is.EqualTo("\nConsumer group 'old' has no active members.\n"));
        Assert.That(Cells(empty), Is.EqualTo(new[] { new[] { "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS" } }));
        KafkaToolErrorTests.AssertOneErrorLine(badState, 2,
            "Invalid state list 'Sleeping'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling");
    }

    private static Task<EmbeddedKafkaCluster> StartAsync(CancellationToken cancellationToken) => EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions
    {
        DefaultPartitions = 3,
        ConsumerGroupMinHeartbeatIntervalMs = 100,
        ConsumerGroupHeartbeatIntervalMs = 100,
    }, cancellationToken);

    /// <summary>A consumer of topics "members" and "more" (3 partitions each) that has read a record of each partition.</summary>
    private static async Task<KafkaConsumer<string, string>> ConsumingAsync(EmbeddedKafkaCluster cluster, string groupId, GroupProtocol protocol, CancellationToken cancellationToken)
    {
        await using (var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers }))
        {
            foreach (string topic in (string[])["members", "more"])
            {
                for (int partition = 0; partition < 3; partition++)
                {
                    await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<string, string> { Value = "v" }, cancellationToken);
                }
            }
        }

        var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = groupId,
            ClientId = groupId + "-client",
            GroupProtocol = protocol,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        });
        consumer.Subscribe(["members", "more"]);
        int consumed = 0;
        await foreach (ConsumeResult<string, string> _ in consumer.ConsumeAsync(cancellationToken))
        {
            if (++consumed == 6)
            {
                break;
            }
        }

        return consumer;
    }

    private static string[][] Cells(ToolResult result) =>
        [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => Regex.Split(line.Trim(), " +"))];

    /// <summary>The tool's table for the group, each line split into its cells.</summary>
    private static async Task<string[][]> TableAsync(EmbeddedKafkaCluster cluster, string groupId, params string[] view)
    {
        ToolResult result = await KafkaTutorialTests.Kafka("", ["groups", "--bootstrap-server", cluster.BootstrapServers, "--describe", "--group", groupId, .. view]);
        Assert.That(result.Error, Is.Empty, "a stable group has no note");
        return Cells(result);
    }
}
