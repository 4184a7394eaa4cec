using Kafka.Client.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kafka.Client.Extensions.Hosting.Tests.Consuming;

/// <summary>AddKafkaConsumerBatchHandler: a DI scope and a commit per batch.</summary>
public class BatchHandlerTests
{
    private static async Task<(string Topic, string Group, string[] Values)> ProduceAsync(int count)
    {
        string topic = TestCluster.Unique("batch"), group = TestCluster.Unique("g");
        string[] values = [.. Enumerable.Range(0, count).Select(i => $"v{i}")];
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = TestCluster.Cluster.BootstrapServers });
        foreach (string value in values)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = value });
        }

        return (topic, group, values);
    }

    private static IHost Host(string group, HandlerJournal journal, string handler)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""
            { "Kafka": { "Common": { "bootstrap.servers": "{{TestCluster.Cluster.BootstrapServers}}" },
              "Batches": { "group.id": "{{group}}", "auto.offset.reset": "earliest", "Handler": {{handler}} } } }
            """)));
        builder.Services.AddSingleton(journal);
        builder.Services.AddKafkaConsumerBatchHandler<JournalBatchHandler, string, string>(builder.Configuration.GetSection("Kafka:Batches"));
        return builder.Build();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Records_come_in_batches_of_at_most_BatchSize_each_in_one_scope_and_committed_after_it()
    {
        (string topic, string group, string[] values) = await ProduceAsync(25);
        var journal = new HandlerJournal();
        using (IHost host = Host(group, journal, $$"""{ "Topics": "{{topic}}", "BatchSize": 10, "BatchTimeout": "00:00:00.200" }"""))
        {
            await host.StartAsync();
            await Eventually.WaitUntilAsync(() => TestCluster.Cluster.CommittedOffset(group, topic, 0) == 25, "every record committed", seconds: 15);
            await host.StopAsync();
        }

        List<IReadOnlyList<ConsumeResult<string, string>>> batches = [.. journal.Batches];
        Assert.That(batches.SelectMany(b => b).Select(r => r.Message.Value), Is.EqualTo(values), "every record once, in order");
        Assert.That(batches.Select(b => b.Count), Has.All.InRange(1, 10));
        Assert.That(batches[0], Has.Count.EqualTo(10), "the records were all there: a full first batch");
        Assert.That(batches.Count, Is.LessThan(25), "batched, not one by one");
        Assert.That(journal.Scopes, Is.EqualTo(batches.Count), "one DI scope per batch");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_failing_batch_is_retried_whole_and_Stop_leaves_all_of_it_uncommitted()
    {
        (string topic, string group, string[] _) = await ProduceAsync(10);
        var journal = new HandlerJournal { Fails = (value, _) => value == "v7" };
        using (IHost host = Host(group, journal, $$"""{ "Topics": "{{topic}}", "BatchSize": 5, "OnError": "Stop", "Retry": { "MaxRetryAttempts": 2, "Delay": "00:00:00.005" } }"""))
        {
            await host.StartAsync();
            await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.That(journal.Handled.Select(r => r.Message.Value), Is.EqualTo(new[] { "v0", "v1", "v2", "v3", "v4" }));
        Assert.That(journal.Attempts["v5"], Is.EqualTo(3), "the whole batch v5..v9 tried three times");
        Assert.That(journal.Attempts["v9"], Is.EqualTo(3));
        Assert.That(TestCluster.Cluster.CommittedOffset(group, topic, 0), Is.EqualTo(5), "the first batch committed, none of the failed one");
    }
}
