using System.Reflection;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Cluster;

/// <summary>
/// The client's version table: it names every version the codec knows, its capabilities lie in its ranges, and the
/// client works against a broker that speaks only the oldest version of every row.
/// </summary>
public class ClientApiVersionsTests
{
    [Test]
    public void Every_row_ends_at_the_newest_stable_version_the_codec_knows()
    {
        var stale = ClientApiVersions.Rows
            // A row may stop below the codec where the newer versions are the brokers' own (BrokerOnlyFrom), and ends at
            // a version the spec copy marks unstable only where Kafka released it stable (ReleasedStable).
            .Where(r => r.Min < KafkaApis.LowestVersion(r.Api) || (r.BrokerOnlyFrom < 0
                ? (r.ReleasedStable ? KafkaApis.HighestVersion(r.Api) : KafkaApis.HighestStableVersion(r.Api)) != r.Max
                : r.Max != r.BrokerOnlyFrom - 1 || KafkaApis.HighestStableVersion(r.Api) < r.BrokerOnlyFrom))
            .Select(r => $"{r} (codec: v{KafkaApis.LowestVersion(r.Api)}-v{KafkaApis.HighestStableVersion(r.Api)})")
            .ToList();

        Assert.That(stale, Is.Empty, "review these rows of ClientApiVersions against what the new versions add:\n" + string.Join("\n", stale));
    }

    [Test]
    public void Every_named_capability_lies_inside_its_api_row()
    {
        Type[] capabilities = [.. typeof(ClientApiVersions).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ClientApiVersions).Namespace && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Versions", StringComparison.Ordinal) && t != typeof(ClientApiVersions))];
        Assert.That(capabilities, Is.Not.Empty);

        foreach (Type type in capabilities)
        {
            var api = Enum.Parse<ApiKey>(type.Name[..^"Versions".Length]);
            ApiVersionRow row = ClientApiVersions.Find(api) ?? throw new AssertionException($"{type.Name} names {api}, which has no row");
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic).Where(f => f.IsLiteral))
            {
                short version = (short)field.GetRawConstantValue()!;
                Assert.That(version, Is.InRange(row.Min, row.Max), $"{type.Name}.{field.Name} lies outside {row}");
            }
        }
    }

    [Test]
    public async Task A_broker_too_old_for_a_row_is_refused_naming_the_api_both_ranges_and_the_oldest_release()
    {
        var options = new EmbeddedKafkaClusterOptions();
        options.MaxApiVersions[ApiKey.Metadata] = 0;
        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(options);
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = cluster.BootstrapServers, DefaultApiTimeoutMs = 5_000 });

        var error = Assert.CatchAsync<KafkaException>(() => admin.ListTopicsAsync())!;

        Assert.That(error.Message, Does.Contain("cannot serve Metadata: this client speaks v1-v12 and the broker speaks v0-v0")
            .And.Contain(ClientApiVersions.OldestBroker + " or newer is needed"), error.ToString());
    }

    // The brokers refuse (close the connection on) any version above their cap, so everything below went at the oldest.
    [Test]
    public async Task Producer_consumer_group_and_admin_client_work_against_a_broker_at_the_oldest_version_of_every_row()
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 3 };
        foreach (ApiVersionRow row in ClientApiVersions.Rows)
        {
            options.MaxApiVersions[row.Api] = row.Min;
        }

        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(options);
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = cluster.BootstrapServers, DefaultApiTimeoutMs = 10_000 });
        (await admin.CreateTopicsAsync([new TopicSpecification { Name = "old", NumPartitions = 3, ReplicationFactor = 3 }])).ThrowIfAnyFailed();
        TopicDescription described = (await admin.DescribeTopicsAsync(["old"])).ThrowIfAnyFailed()[0];
        Assert.That(described.Partitions, Has.Count.EqualTo(3));

        await using (var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, LingerMs = 1 }))
        {
            for (int i = 0; i < 30; i++)
            {
                producer.Produce("old", new Message<string, string> { Key = $"k{i % 5}", Value = $"v{i}" });
            }

            await producer.FlushAsync();
        }

        var seen = new List<string>();
        await using (var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "old-group",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }))
        {
            consumer.Subscribe("old");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
            {
                seen.Add(record.Message.Value);
                if (seen.Count == 30)
                {
                    await consumer.CommitAsync(timeout.Token);
                    break;
                }
            }
        }

        Assert.That(seen.Order(), Is.EquivalentTo(Enumerable.Range(0, 30).Select(i => $"v{i}")));
        var lag = await admin.ListConsumerGroupLagAsync("old-group");
        Assert.That(lag.Sum(l => l.CommittedOffset), Is.EqualTo(30));
        Assert.That(lag.All(l => l.Lag == 0), Is.True);
        ListConsumerGroupsResult groups = await admin.ListConsumerGroupsAsync();
        Assert.That(groups.Errors, Is.Empty);
        Assert.That(groups.Valid.Select(g => g.GroupId), Does.Contain("old-group"));
        Assert.That((await admin.DescribeConsumerGroupsAsync(["old-group"])).Single().Error, Is.Null);
    }
}
