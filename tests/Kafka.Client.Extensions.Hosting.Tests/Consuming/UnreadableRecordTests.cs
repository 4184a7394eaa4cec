using System.Text;
using Kafka.Client.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kafka.Client.Extensions.Hosting.Tests.Consuming;

/// <summary>Records whose value the consumer cannot deserialize go through the configured error action, as handler failures do.</summary>
public class UnreadableRecordTests
{
    private static readonly byte[] Unreadable = [0xFF, 0x01, 0x02];

    /// <summary>UTF-8, but a value starting with 0xFF is refused, as a schema-checking deserializer would.</summary>
    private sealed class StrictDeserializer : IDeserializer<string>
    {
        public string Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            !data.IsEmpty && data[0] == 0xFF ? throw new FormatException("not a string") : Encoding.UTF8.GetString(data);
    }

    private static async Task<(string Topic, string Group, HandlerJournal Journal, IHost Host)> StartAsync(KafkaHandlerErrorAction onError)
    {
        string topic = TestCluster.Unique("unreadable"), group = TestCluster.Unique("g");
        await using (var producer = new KafkaProducer<string, byte[]>(new ProducerOptions { BootstrapServers = TestCluster.Cluster.BootstrapServers }))
        {
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "k0", Value = "v0"u8.ToArray() });
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "k1", Value = Unreadable, Headers = [new Header("origin", "test"u8.ToArray())] });
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "k2", Value = "v2"u8.ToArray() });
        }

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:Common:bootstrap.servers"] = TestCluster.Cluster.BootstrapServers,
            ["Kafka:Consumer:group.id"] = group,
            ["Kafka:Consumer:auto.offset.reset"] = "earliest",
            ["Kafka:Consumer:Handler:Topics"] = topic,
            ["Kafka:Consumer:Handler:OnError"] = onError.ToString(),
        });
        var journal = new HandlerJournal();
        builder.Services.AddSingleton(journal);
        builder.Services.AddSingleton<IDeserializer<string>>(new StrictDeserializer());
        builder.Services.AddKafkaProducer<string, string>(builder.Configuration.GetSection("Kafka:Producer"));
        builder.Services.AddKafkaConsumerHandler<JournalHandler, string, string>(builder.Configuration.GetSection("Kafka:Consumer"));
        IHost host = builder.Build();
        await host.StartAsync();
        return (topic, group, journal, host);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task DeadLetter_sends_the_raw_bytes_and_headers_with_the_error_and_goes_on()
    {
        (string topic, string group, HandlerJournal journal, IHost host) = await StartAsync(KafkaHandlerErrorAction.DeadLetter);
        using (host)
        {
            await Eventually.WaitUntilAsync(() => TestCluster.Cluster.CommittedOffset(group, topic, 0) == 3, "every record committed", seconds: 15);
            await host.StopAsync();
        }

        Assert.That(journal.Handled.Select(r => r.Message.Value), Is.EqualTo(new[] { "v0", "v2" }));
        await using var consumer = new KafkaConsumer<byte[], byte[]>(new ConsumerOptions { BootstrapServers = TestCluster.Cluster.BootstrapServers, AutoOffsetReset = AutoOffsetReset.Earliest });
        consumer.Assign([new TopicPartition(topic + ".DLT", 0)]);
        ConsumeResult<byte[], byte[]>? dead = await consumer.ConsumeAsync(TimeSpan.FromSeconds(10));
        Assert.That(dead, Is.Not.Null, "the unreadable record in the dead-letter topic");
        Assert.That(dead!.Message.Value, Is.EqualTo(Unreadable), "the bytes as they were read");
        Assert.That(dead.Message.Key, Is.EqualTo("k1"u8.ToArray()));
        Assert.That(Text(dead, "origin"), Is.EqualTo("test"), "the record's own headers");
        Assert.That(Text(dead, DeadLetterHeaders.ExceptionType), Is.EqualTo("System.FormatException"), "the deserializer's error");
        Assert.That(Text(dead, DeadLetterHeaders.ExceptionMessage), Is.EqualTo("not a string"));
        Assert.That(Text(dead, DeadLetterHeaders.OriginalTopic), Is.EqualTo(topic));
        Assert.That(Text(dead, DeadLetterHeaders.OriginalOffset), Is.EqualTo("1"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Skip_logs_and_goes_on_past_the_unreadable_record()
    {
        (string topic, string group, HandlerJournal journal, IHost host) = await StartAsync(KafkaHandlerErrorAction.Skip);
        using (host)
        {
            await Eventually.WaitUntilAsync(() => TestCluster.Cluster.CommittedOffset(group, topic, 0) == 3, "every record committed", seconds: 15);
            await host.StopAsync();
        }

        Assert.That(journal.Handled.Select(r => r.Message.Value), Is.EqualTo(new[] { "v0", "v2" }));
        Assert.That(TestCluster.Cluster.ListTopics(), Does.Not.Contain(topic + ".DLT"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Stop_stops_the_consumer_at_the_unreadable_record_uncommitted()
    {
        (string topic, string group, HandlerJournal journal, IHost host) = await StartAsync(KafkaHandlerErrorAction.Stop);
        using (host)
        {
            await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Exception? stopped = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single().ExecuteTask!.Exception?.InnerException;
            Assert.That(stopped, Is.TypeOf<ConsumeException>());
            Assert.That(((ConsumeException)stopped!).Record, Is.EqualTo(new TopicPartitionOffset(topic, 0, 1)));
        }

        Assert.That(journal.Handled.Select(r => r.Message.Value), Is.EqualTo(new[] { "v0" }));
        Assert.That(TestCluster.Cluster.CommittedOffset(group, topic, 0), Is.EqualTo(1), "read again next time");
    }

    private static string? Text(ConsumeResult<byte[], byte[]> record, string header) =>
        record.Message.Headers!.GetLastBytes(header) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
