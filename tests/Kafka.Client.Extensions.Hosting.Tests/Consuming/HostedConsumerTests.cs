using System.Diagnostics;
using Kafka.Client.Extensions.Hosting.Tests.Support;
using Kafka.Client.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly.Retry;

namespace Kafka.Client.Extensions.Hosting.Tests.Consuming;

public class HostedConsumerTests
{
    private static IHost Host(string group, string topic, HandlerJournal journal, Action<KafkaConsumerHandlerOptions> configure, int shutdownSeconds = 10)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:Common:bootstrap.servers"] = TestCluster.Cluster.BootstrapServers,
            ["Kafka:Consumer:group.id"] = group,
            ["Kafka:Consumer:auto.offset.reset"] = "earliest",
            ["Kafka:Producer:linger.ms"] = "0",
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(shutdownSeconds));
        builder.Services.AddSingleton(journal);
        builder.Services.AddKafkaProducer<string, string>(builder.Configuration.GetSection("Kafka:Producer"));
        builder.Services.AddKafkaConsumerHandler<JournalHandler, string, string>(builder.Configuration.GetSection("Kafka:Consumer"), o =>
        {
            o.Topics = [topic];
            configure(o);
        });
        return builder.Build();
    }

    private static async Task ProduceAsync(string topic, params string[] values)
    {
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = TestCluster.Cluster.BootstrapServers });
        for (int i = 0; i < values.Length; i++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i % 7}", Value = values[i] });
        }
    }

    private static RetryStrategyOptions QuickRetry(int attempts) => new() { MaxRetryAttempts = attempts, Delay = TimeSpan.FromMilliseconds(5) };

    [Test]
    [CancelAfter(30_000)]
    public async Task Offsets_are_committed_after_the_handler_succeeded_and_Stop_leaves_the_failed_record_uncommitted()
    {
        string topic = TestCluster.Unique("stop"), group = TestCluster.Unique("g");
        await ProduceAsync(topic, "v0", "v1", "bad", "v3", "v4");
        var journal = new HandlerJournal { Fails = (value, _) => value == "bad" };
        using IHost host = Host(group, topic, journal, o => { o.Retry = QuickRetry(2); o.OnError = KafkaHandlerErrorAction.Stop; });

        await host.StartAsync();
        await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(journal.Handled.Select(r => r.Message.Value), Is.EqualTo(new[] { "v0", "v1" }), "nothing after the failed record");
        Assert.That(journal.Attempts["bad"], Is.EqualTo(3), "the first try and two retries");
        Assert.That(TestCluster.Cluster.CommittedOffset(group, topic, 0), Is.EqualTo(2), "v0 and v1 committed; bad is read again next time");
        Assert.That(journal.Scopes, Is.EqualTo(5), "a DI scope per handling (two records, three tries of the bad one)");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_flaky_record_is_retried_and_a_poison_one_goes_to_the_dead_letter_topic_with_the_error()
    {
        string topic = TestCluster.Unique("dlt"), group = TestCluster.Unique("g");
        await ProduceAsync(topic, "v0", "flaky", "poison", "v3");
        var journal = new HandlerJournal { Fails = (value, attempt) => value == "poison" || (value == "flaky" && attempt == 1) };
        using IHost host = Host(group, topic, journal, o => { o.Retry = QuickRetry(2); o.OnError = KafkaHandlerErrorAction.DeadLetter; });

        await host.StartAsync();
        await Eventually.WaitUntilAsync(() => TestCluster.Cluster.CommittedOffset(group, topic, 0) == 4, "every record committed", seconds: 15);
        await host.StopAsync();

        Assert.That(journal.Handled.Select(r => r.Message.Value), Is.EqualTo(new[] { "v0", "flaky", "v3" }));
        Assert.That(journal.Attempts["flaky"], Is.EqualTo(2));
        Assert.That(journal.Attempts["poison"], Is.EqualTo(3));
        ConsumeResult<string, string> dead = (await Records.ReadAsync(topic + ".DLT", 1)).Single();
        Assert.That(dead.Message.Value, Is.EqualTo("poison"));
        Assert.That(dead.Message.Key, Is.EqualTo("k2"));
        Assert.That(Text(dead, DeadLetterHeaders.ExceptionType), Is.EqualTo("System.FormatException"));
        Assert.That(Text(dead, DeadLetterHeaders.ExceptionMessage), Is.EqualTo("cannot handle poison (attempt 3)"));
        Assert.That(Text(dead, DeadLetterHeaders.OriginalTopic), Is.EqualTo(topic));
        Assert.That(Text(dead, DeadLetterHeaders.OriginalPartition), Is.EqualTo("0"));
        Assert.That(Text(dead, DeadLetterHeaders.OriginalOffset), Is.EqualTo("2"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Skip_logs_and_goes_on_past_the_failed_record()
    {
        string topic = TestCluster.Unique("skip"), group = TestCluster.Unique("g");
        await ProduceAsync(topic, "v0", "poison", "v2");
        var journal = new HandlerJournal { Fails = (value, _) => value == "poison" };
        using IHost host = Host(group, topic, journal, o => { o.Retry = null; o.OnError = KafkaHandlerErrorAction.Skip; });

        await host.StartAsync();
        await Eventually.WaitUntilAsync(() => TestCluster.Cluster.CommittedOffset(group, topic, 0) == 3, "every record committed", seconds: 15);
        await host.StopAsync();

        Assert.That(journal.Handled.Select(r => r.Message.Value), Is.EqualTo(new[] { "v0", "v2" }));
        Assert.That(journal.Attempts["poison"], Is.EqualTo(1), "no retry configured");
        Assert.That(TestCluster.Cluster.ListTopics(), Does.Not.Contain(topic + ".DLT"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Stopping_under_load_commits_what_was_handled_and_the_next_instance_goes_on_from_there()
    {
        string topic = TestCluster.Unique("load"), group = TestCluster.Unique("g");
        await TestCluster.Cluster.CreateTopicAsync(topic, partitions: 3);
        string[] values = [.. Enumerable.Range(0, 600).Select(i => $"v{i}")];
        await ProduceAsync(topic, values);

        var first = new HandlerJournal { Delay = TimeSpan.FromMilliseconds(1) };
        using (IHost host = Host(group, topic, first, o => o.Retry = null))
        {
            await host.StartAsync();
            await Eventually.WaitUntilAsync(() => first.Handled.Count >= 150, "150 records handled", seconds: 20);
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.That(first.Handled.Count, Is.LessThan(values.Length), "stopped under load");
        Assert.That(first.Handled.Select(r => r.Message.Value), Is.Unique, "no record handled twice by one instance");
        foreach (IGrouping<int, ConsumeResult<string, string>> partition in first.Handled.GroupBy(r => r.Partition))
        {
            long committed = TestCluster.Cluster.CommittedOffset(group, topic, partition.Key) ?? 0;
            Assert.That(partition.Max(r => r.Offset) + 1, Is.EqualTo(committed), $"partition {partition.Key}: committed just after the last record handled");
        }

        var second = new HandlerJournal();
        using (IHost host = Host(group, topic, second, o => o.Retry = null))
        {
            await host.StartAsync();
            await Eventually.WaitUntilAsync(() => first.Handled.Count + second.Handled.Count >= values.Length, "every record handled by one instance or the other", seconds: 20);
            await host.StopAsync();
        }

        Assert.That(second.Handled.Select(r => r.Message.Value), Is.Unique);
        Assert.That(first.Handled.Concat(second.Handled).Select(r => r.Message.Value), Is.EquivalentTo(values), "none skipped, none handled by both");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_handler_deaf_to_cancellation_does_not_hold_the_host_past_its_shutdown_timeout_and_what_succeeded_is_committed()
    {
        string topic = TestCluster.Unique("deaf"), group = TestCluster.Unique("g");
        string[] values = [.. Enumerable.Range(0, 10).Select(i => $"v{i}")];
        await ProduceAsync(topic, values);
        var first = new HandlerJournal { Blocks = value => value == "v5" };
        using (IHost host = Host(group, topic, first, o => o.Retry = null, shutdownSeconds: 2))
        {
            await host.StartAsync();
            await Eventually.WaitUntilAsync(() => first.Attempts.ContainsKey("v5"), "the handler to block on v5", seconds: 15);
            var stopping = Stopwatch.StartNew();
            await host.StopAsync();
            stopping.Stop();

            // CloseTimeout (5 s) is at most half the shutdown timeout: the handler is left after 1 s, the close gets the other.
            Assert.That(stopping.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2.5)), "bounded by the host's shutdown timeout");
            Assert.That(stopping.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "the handler had its share of the timeout to finish");
            Assert.That(TestCluster.Cluster.DescribeGroup(group)?.Members, Is.Empty, "the group was left within the timeout, not after the session timeout");
        }

        Assert.That(first.Handled.Select(r => r.Message.Value), Is.EqualTo(values[..5]));
        Assert.That(TestCluster.Cluster.CommittedOffset(group, topic, 0), Is.EqualTo(5), "v0..v4 committed; the abandoned v5 is not");

        var second = new HandlerJournal();
        using (IHost host = Host(group, topic, second, o => o.Retry = null))
        {
            await host.StartAsync();
            await Eventually.WaitUntilAsync(() => TestCluster.Cluster.CommittedOffset(group, topic, 0) == 10, "the rest committed by the next instance", seconds: 15);
            await host.StopAsync();
        }

        Assert.That(second.Handled.Select(r => r.Message.Value), Is.EqualTo(values[5..]), "the next instance starts at the abandoned record: none skipped, none of the committed again");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task With_a_commit_interval_handled_offsets_are_committed_when_partitions_are_revoked_and_on_stop()
    {
        string topic = TestCluster.Unique("interval"), group = TestCluster.Unique("g");
        await TestCluster.Cluster.CreateTopicAsync(topic, partitions: 2);
        string[] values = [.. Enumerable.Range(0, 20).Select(i => $"v{i}")];
        await ProduceAsync(topic, values);
        var first = new HandlerJournal();
        var second = new HandlerJournal();
        using IHost one = Host(group, topic, first, o => o.CommitInterval = TimeSpan.FromHours(1));
        await one.StartAsync();
        await Eventually.WaitUntilAsync(() => first.Handled.Count == values.Length, "every record handled", seconds: 15);
        Assert.That(new[] { 0, 1 }.Select(p => TestCluster.Cluster.CommittedOffset(group, topic, p)), Is.All.Null, "nothing committed before the interval is up");

        using (IHost two = Host(group, topic, second, o => o.CommitInterval = TimeSpan.FromHours(1)))
        {
            await two.StartAsync();
            await Eventually.WaitUntilAsync(() => TestCluster.Cluster.DescribeGroup(group) is { State: "Stable", Members.Count: 2 }, "both consumers in the group", seconds: 15);

            // One more record in each partition: whoever owns it reads it after whatever it would read again.
            await using (var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = TestCluster.Cluster.BootstrapServers }))
            {
                await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string> { Key = "m", Value = "marker0" });
                await producer.ProduceAsync(new TopicPartition(topic, 1), new Message<string, string> { Key = "m", Value = "marker1" });
            }

            await Eventually.WaitUntilAsync(() => first.Handled.Concat(second.Handled).Count(r => r.Message.Value.StartsWith("marker", StringComparison.Ordinal)) == 2, "both markers handled", seconds: 15);
            Assert.That(second.Handled.Select(r => r.Message.Value), Has.All.StartWith("marker"), "the partition the second consumer got was committed when revoked from the first: nothing handled again");
            Assert.That(second.Handled, Is.Not.Empty, "the second consumer got a partition");
            await two.StopAsync();
        }

        await one.StopAsync();
        Assert.That(first.Handled.Select(r => r.Message.Value), Is.Unique);
        foreach (int partition in new[] { 0, 1 })
        {
            long end = first.Handled.Concat(second.Handled).Count(r => r.Partition == partition);
            Assert.That(TestCluster.Cluster.CommittedOffset(group, topic, partition), Is.EqualTo(end), $"partition {partition}: everything handled committed on stop");
        }
    }

    private static string? Text(ConsumeResult<string, string> record, string header) =>
        record.Message.Headers!.GetLastBytes(header) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
