using Kafka.Client.Extensions.Hosting.Tests;
using Kafka.Client.Extensions.Hosting.Tests.Support;
using Kafka.Client.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kafka.Client.Extensions.Hosting.Tests.DependencyInjection;

public class ClientRegistrationTests
{
    private static IConfigurationRoot Configuration(string json = "{}") =>
        new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:Common:bootstrap.servers"] = TestCluster.Cluster.BootstrapServers })
            .Build();

    private static ServiceCollection Services(IConfigurationRoot configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        return services;
    }

    [Test]
    public async Task Clients_are_singletons_and_named_clients_are_keyed_services()
    {
        IConfigurationRoot configuration = Configuration("""{ "Orders": { "linger.ms": 3 }, "Audit": { "linger.ms": 4 } }""");
        ServiceCollection services = Services(configuration);
        services.AddKafkaProducer<string, string>(configuration.GetSection("Orders"));
        services.AddKafkaProducer<string, string>("audit", configuration.GetSection("Audit"));
        services.AddKafkaAdminClient(configuration.GetSection("None"));
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        var unnamed = provider.GetRequiredService<KafkaProducer<string, string>>();
        var audit = provider.GetRequiredKeyedService<KafkaProducer<string, string>>("audit");
        using (IServiceScope scope = provider.CreateScope())
        {
            Assert.That(scope.ServiceProvider.GetRequiredService<KafkaProducer<string, string>>(), Is.SameAs(unnamed));
        }

        Assert.That(provider.GetRequiredService<KafkaProducer<string, string>>(), Is.SameAs(unnamed));
        Assert.That(audit, Is.Not.SameAs(unnamed));
        Assert.That(unnamed.Options.LingerMs, Is.EqualTo(3));
        Assert.That(audit.Options.LingerMs, Is.EqualTo(4));
        Assert.That(provider.GetRequiredService<KafkaAdminClient>().Options.BootstrapServers, Is.EqualTo(TestCluster.Cluster.BootstrapServers));
    }

    [Test]
    public async Task Disposing_the_container_flushes_the_producer()
    {
        string topic = TestCluster.Unique("flush-on-dispose");
        IConfigurationRoot configuration = Configuration("""{ "Producer": { "linger.ms": 600000, "batch.size": 1000000 } }""");
        ServiceCollection services = Services(configuration);
        services.AddKafkaProducer<string, string>(configuration.GetSection("Producer"));
        ServiceProvider provider = services.BuildServiceProvider();
        var producer = provider.GetRequiredService<KafkaProducer<string, string>>();

        Task<DeliveryResult<string, string>>[] sends = [.. Enumerable.Range(1, 5).Select(i => producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }).AsTask())];
        Assert.That(sends.Any(s => s.IsCompleted), Is.False, "linger.ms holds the batch");
        await provider.DisposeAsync();

        DeliveryResult<string, string>[] delivered = await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(delivered.Select(d => d.Offset), Is.Ordered);
        List<ConsumeResult<string, string>> stored = await Records.ReadAsync(topic, 5);
        Assert.That(stored.Select(r => r.Message.Value), Is.EqualTo(new[] { "v1", "v2", "v3", "v4", "v5" }));
    }

    [Test]
    public async Task Serializers_and_the_logger_factory_come_from_the_container()
    {
        string topic = TestCluster.Unique("serializers");
        IConfigurationRoot configuration = Configuration("""{ "Producer": { "linger.ms": 0 } }""");
        ServiceCollection services = Services(configuration);
        var loggerFactory = new NullLoggerFactory();
        services.AddSingleton<ILoggerFactory>(loggerFactory);
        services.AddKeyedSingleton<ISerializer<string>>("shouting", new UpperCaseSerializer());
        services.AddKafkaProducer<string, string>("shouting", configuration.GetSection("Producer"));
        services.AddKafkaProducer<string, string>(configuration.GetSection("Producer"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var shouting = provider.GetRequiredKeyedService<KafkaProducer<string, string>>("shouting");
        await shouting.ProduceAsync(topic, new Message<string, string> { Key = "key", Value = "quiet" });
        await provider.GetRequiredService<KafkaProducer<string, string>>().ProduceAsync(topic, new Message<string, string> { Key = "key", Value = "quiet" });

        List<ConsumeResult<string, string>> stored = await Records.ReadAsync(topic, 2);
        Assert.That(stored.Select(r => r.Message.Value), Is.EqualTo(new[] { "QUIET", "quiet" }), "the keyed serializer for the named producer only");
        Assert.That(shouting.Options.LoggerFactory, Is.SameAs(loggerFactory));
    }

    [Test]
    public async Task Disposing_the_container_closes_the_consumer_which_leaves_its_group()
    {
        string topic = TestCluster.Unique("leave-on-dispose");
        string group = TestCluster.Unique("group");
        IConfigurationRoot configuration = Configuration($$"""{ "Consumer": { "group.id": "{{group}}", "auto.offset.reset": "earliest" } }""");
        ServiceCollection services = Services(configuration);
        services.AddKafkaProducer<string, string>(configuration.GetSection("Producer"));
        services.AddKafkaConsumer<string, string>(configuration.GetSection("Consumer"));
        ServiceProvider provider = services.BuildServiceProvider();
        await provider.GetRequiredService<KafkaProducer<string, string>>().ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" });
        var consumer = provider.GetRequiredService<KafkaConsumer<string, string>>();
        consumer.Subscribe(topic);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            Assert.That(record.Message.Value, Is.EqualTo("v"));
            break;
        }

        Assert.That(TestCluster.Cluster.DescribeGroup(group)?.Members, Has.Count.EqualTo(1));
        await provider.DisposeAsync();

        await Eventually.WaitUntilAsync(() => TestCluster.Cluster.DescribeGroup(group)?.Members.Count == 0, "the consumer to leave its group", seconds: 5);
        Assert.That(TestCluster.Cluster.DescribeGroup(group)!.State, Is.EqualTo("Empty"));
    }
}
