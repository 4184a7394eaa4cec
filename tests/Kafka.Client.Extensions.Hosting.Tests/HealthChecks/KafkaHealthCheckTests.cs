using Kafka.Client.Extensions.Hosting.Tests.Consuming;
using Kafka.Client.Testing;
using Kafka.Client.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Kafka.Client.Extensions.Hosting.Tests.HealthChecks;

public class KafkaHealthCheckTests
{
    private static IHost Host(string bootstrapServers, Action<IServiceCollection, IConfiguration>? register = null, Action<KafkaHealthCheckOptions>? configure = null)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:Common:bootstrap.servers"] = bootstrapServers });
        builder.Services.AddKafkaAdminClient(builder.Configuration.GetSection("Kafka:Admin"));
        builder.Services.AddHealthChecks().AddKafka(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(2);
            configure?.Invoke(o);
        });
        register?.Invoke(builder.Services, builder.Configuration);
        return builder.Build();
    }

    private static Task<HealthReport> CheckAsync(IHost host, string tag) =>
        host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(tag));

    [Test]
    [CancelAfter(20_000)]
    public async Task Healthy_while_the_brokers_answer_and_Unhealthy_once_the_cluster_is_stopped()
    {
        EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 2 });
        using IHost host = Host(cluster.BootstrapServers);
        await host.StartAsync();

        HealthReport up = await CheckAsync(host, "ready");
        Assert.That(up.Status, Is.EqualTo(HealthStatus.Healthy), up.Entries["kafka"].Description);
        Assert.That(up.Entries["kafka"].Description, Does.StartWith("2 brokers"));

        await cluster.DisposeAsync();
        HealthReport down = await CheckAsync(host, "ready");
        Assert.That(down.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(down.Entries["kafka"].Description, Does.StartWith("No broker answered"));
        Assert.That(down.Entries.Keys, Is.EqualTo(new[] { "kafka" }), "only the readiness check has the ready tag");
        await host.StopAsync();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_hosted_consumer_is_Degraded_when_its_lag_passes_the_threshold_and_Healthy_when_caught_up()
    {
        string topic = TestCluster.Unique("lag"), group = TestCluster.Unique("g");
        await TestCluster.Cluster.CreateTopicAsync(topic);
        var journal = new HandlerJournal { Delay = TimeSpan.FromMilliseconds(30) };
        using IHost host = Host(TestCluster.Cluster.BootstrapServers, (services, configuration) =>
        {
            services.AddSingleton(journal);
            services.AddKafkaConsumerHandler<JournalHandler, string, string>(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["group.id"] = group, ["auto.offset.reset"] = "earliest" }).Build(),
                o => o.Topics = [topic]);
        }, o => o.MaxLag = 20);
        await host.StartAsync();
        await using (var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = TestCluster.Cluster.BootstrapServers, LingerMs = 5 }))
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(i => producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = $"v{i}" }).AsTask()));
        }

        HealthReport lagging = await CheckAsync(host, "live");
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(10); lagging.Status != HealthStatus.Degraded && DateTime.UtcNow < deadline; lagging = await CheckAsync(host, "live"))
        {
            await Task.Delay(20);
        }

        Assert.That(lagging.Status, Is.EqualTo(HealthStatus.Degraded), lagging.Entries["kafka-consumers"].Description);
        Assert.That(lagging.Entries["kafka-consumers"].Description, Does.Contain("lags").And.Contain("more than 20"));

        await Eventually.WaitUntilAsync(() => journal.Handled.Count == 100, "every record handled", seconds: 15);
        HealthReport caughtUp = await CheckAsync(host, "live");
        Assert.That(caughtUp.Status, Is.EqualTo(HealthStatus.Healthy), caughtUp.Entries["kafka-consumers"].Description);
        await host.StopAsync();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_hosted_consumer_that_stopped_on_a_handler_error_is_Unhealthy()
    {
        string topic = TestCluster.Unique("stopped"), group = TestCluster.Unique("g");
        await ProduceAsync(topic, "v0", "bad");
        var journal = new HandlerJournal { Fails = (value, _) => value == "bad" };
        using IHost host = Host(TestCluster.Cluster.BootstrapServers, (services, _) =>
        {
            // The host keeps running after the consumer stopped: the liveness check is what reports it.
            services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
            services.AddSingleton(journal);
            services.AddKafkaConsumerHandler<JournalHandler, string, string>(ConsumerSection(group), o =>
            {
                o.Topics = [topic];
                o.Retry = null;
                o.OnError = KafkaHandlerErrorAction.Stop;
            });
        });
        await host.StartAsync();

        BackgroundService consumer = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single();
        await Eventually.WaitUntilAsync(() => consumer.ExecuteTask?.IsCompleted == true, "the consumer to stop on the failing record", seconds: 15);
        HealthReport report = await CheckAsync(host, "live");

        Assert.That(report.Status, Is.EqualTo(HealthStatus.Unhealthy), report.Entries["kafka-consumers"].Description);
        Assert.That(report.Entries["kafka-consumers"].Description, Does.Contain(typeof(JournalHandler).FullName + " stopped").And.Contain($"{topic} [0] @1"));
        Assert.That(report.Entries["kafka-consumers"].Exception, Is.TypeOf<KafkaHandlerException>());
        Assert.That(journal.Handled.Select(r => r.Message.Value), Is.EqualTo(new[] { "v0" }));
        await host.StopAsync();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_hosted_consumer_with_no_partition_for_longer_than_the_threshold_is_Degraded_while_the_one_with_the_partition_is_Healthy()
    {
        string topic = TestCluster.Unique("unassigned"), group = TestCluster.Unique("g");
        await TestCluster.Cluster.CreateTopicAsync(topic, partitions: 1);
        await ProduceAsync(topic, "v0");
        var firstJournal = new HandlerJournal();
        using IHost first = ConsumerHost(group, topic, firstJournal);
        await first.StartAsync();
        await Eventually.WaitUntilAsync(() => !firstJournal.Handled.IsEmpty, "the first consumer to get the partition", seconds: 15);

        using IHost second = ConsumerHost(group, topic, new HandlerJournal());
        await second.StartAsync();
        await Eventually.WaitUntilAsync(() => TestCluster.Cluster.DescribeGroup(group)?.Members.Count == 2, "both consumers in the group", seconds: 15);

        HealthReport idle = await CheckAsync(second, "live"), owner = await CheckAsync(first, "live");
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(10); (idle.Status != HealthStatus.Degraded || owner.Status != HealthStatus.Healthy) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(20);
            (idle, owner) = (await CheckAsync(second, "live"), await CheckAsync(first, "live"));
        }

        Assert.That(idle.Status, Is.EqualTo(HealthStatus.Degraded), idle.Entries["kafka-consumers"].Description);
        Assert.That(idle.Entries["kafka-consumers"].Description, Does.Contain(typeof(JournalHandler).FullName + " has had no partition for"));
        Assert.That(owner.Status, Is.EqualTo(HealthStatus.Healthy), owner.Entries["kafka-consumers"].Description);
        await second.StopAsync();
        await first.StopAsync();
    }

    private static IHost ConsumerHost(string group, string topic, HandlerJournal journal) =>
        Host(TestCluster.Cluster.BootstrapServers, (services, _) =>
        {
            services.AddSingleton(journal);
            services.AddKafkaConsumerHandler<JournalHandler, string, string>(ConsumerSection(group), o => o.Topics = [topic]);
        }, o => o.MaxUnassigned = TimeSpan.FromMilliseconds(300));

    private static IConfiguration ConsumerSection(string group) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["group.id"] = group, ["auto.offset.reset"] = "earliest", ["heartbeat.interval.ms"] = "200" }).Build();

    private static async Task ProduceAsync(string topic, params string[] values)
    {
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = TestCluster.Cluster.BootstrapServers });
        foreach (string value in values)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = value });
        }
    }
}
