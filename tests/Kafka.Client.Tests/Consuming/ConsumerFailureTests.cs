using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Consuming;

/// <summary>
/// Failures a group consumer must surface rather than hide: a fenced static member, a rebalance handler that
/// throws, and a commit from a consumer that was removed from its group.
/// </summary>
public class ConsumerFailureTests : ConsumerTestBase
{
    protected override EmbeddedKafkaClusterOptions ClusterOptions => new() { AutoCreateTopics = false, GroupMinSessionTimeoutMs = 500 };

    [Test]
    public async Task A_sync_group_round_that_fails_with_an_unexpected_error_is_joined_again_instead_of_failing_the_consumer()
    {
        // librdkafka's mock answers a SyncGroup that arrives after the leader's with InvalidRequest (issue 12): the member
        // joins again, as librdkafka does, rather than raising it from every consume.
        await Cluster.CreateTopicAsync("sync-retry", partitions: 2);
        await ProduceAsync("sync-retry", 10, 2);
        Cluster.FailNextRequests(ApiKey.SyncGroup, 2, ErrorCode.InvalidRequest);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions("sync-retry-group"));
        consumer.Subscribe("sync-retry");

        List<ConsumeResult<string, string>> records = await ConsumeAsync(consumer, 10);

        Assert.That(records.Select(r => r.Message.Value).Order(), Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"v{i}").Order()));
        Assert.That(consumer.Assignment, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_static_member_fenced_by_another_with_the_same_instance_id_fails_every_consume_and_commit()
    {
        await Cluster.CreateTopicAsync("fenced", partitions: 2);
        await ProduceAsync("fenced", 20, 2);
        ConsumerOptions Static() => ConsumerOptions("static-group", o => { o.GroupInstanceId = "instance-1"; o.SessionTimeoutMs = 6_000; });
        await using var first = new KafkaConsumer<string, string>(Static());
        first.Subscribe("fenced");
        await ConsumeAsync(first, 2);

        await using var second = new KafkaConsumer<string, string>(Static());
        second.Subscribe("fenced");
        await ConsumeAsync(second, 2);

        KafkaException? fenced = null;
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (fenced is null && DateTime.UtcNow < deadline)
        {
            try
            {
                await first.ConsumeAsync(TimeSpan.FromMilliseconds(200));
            }
            catch (KafkaException e)
            {
                fenced = e;
            }
        }

        Assert.That(fenced?.Error, Is.EqualTo(ErrorCode.FencedInstanceId), fenced?.ToString() ?? "the first consumer was never told");
        Assert.That(fenced!.Message, Does.Contain("instance-1"));
        var again = Assert.ThrowsAsync<KafkaException>(async () => await first.ConsumeAsync(TimeSpan.FromMilliseconds(200)));
        Assert.That(again!.Error, Is.EqualTo(ErrorCode.FencedInstanceId), "fencing is fatal: it does not go away");
        var commit = Assert.CatchAsync<KafkaException>(() => first.CommitAsync());
        Assert.That(commit!.Error, Is.EqualTo(ErrorCode.FencedInstanceId));
        Assert.That(await ConsumeAsync(second, 2), Has.Count.EqualTo(2), "the member that took the instance id goes on");
    }

    [TestCase(typeof(InvalidOperationException))]
    [TestCase(typeof(TaskCanceledException))] // e.g. an HttpClient timeout inside the handler: not the consumer's cancellation
    public async Task A_throwing_assigned_handler_is_raised_from_consume_after_the_rebalance_completes(Type thrown)
    {
        await Cluster.CreateTopicAsync("handler-throws");
        await ProduceAsync("handler-throws", 5, 1);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions("throwing-group"));
        int calls = 0;
        consumer.OnPartitionsAssigned = (_, _) =>
        {
            calls++;
            throw (Exception)Activator.CreateInstance(thrown, "the application could not prepare")!;
        };
        consumer.Subscribe("handler-throws");

        var error = Assert.CatchAsync<KafkaException>(async () => await ConsumeAsync(consumer, 1))!;
        Assert.That(error.InnerException, Is.TypeOf(thrown));
        Assert.That(error.Message, Does.Contain("assigned handler").And.Contain("the application could not prepare"));
        Assert.That(consumer.Assignment, Is.EqualTo(new[] { new TopicPartition("handler-throws", 0) }), "the rebalance completed before the error was raised");
        Assert.That(await ConsumeAsync(consumer, 5), Has.Count.EqualTo(5), "consumption goes on after the application saw the error");
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task A_consumer_removed_after_max_poll_interval_cannot_commit_and_says_why()
    {
        await Cluster.CreateTopicAsync("stalled");
        await ProduceAsync("stalled", 10, 1);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions("stall-group", o =>
        {
            o.MaxPollIntervalMs = 600;
            o.SessionTimeoutMs = 6_000;
            o.EnableAutoCommit = false;
        }));
        var lost = new List<TopicPartition>();
        var revoked = new List<TopicPartition>();
        consumer.OnPartitionsLost = (partitions, _) => { lost.AddRange(partitions); return ValueTask.CompletedTask; };
        consumer.OnPartitionsRevoked = (partitions, _) => { revoked.AddRange(partitions); return ValueTask.CompletedTask; };
        consumer.Subscribe("stalled");
        await ConsumeAsync(consumer, 3);

        // The application stops consuming for longer than max.poll.interval.ms: the consumer leaves the group.
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (Cluster.DescribeGroup("stall-group")!.Members.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.That(Cluster.DescribeGroup("stall-group")!.Members, Is.Empty, "the stalled consumer left");
        var error = Assert.ThrowsAsync<CommitFailedException>(() => consumer.CommitAsync());
        Assert.That(error!.Message, Does.Contain("not part of an active group").And.Contain("max.poll.interval.ms"));
        Assert.That(Cluster.CommittedOffset("stall-group", "stalled", 0), Is.Null, "nothing was committed as a simple consumer behind the group's back");

        List<ConsumeResult<string, string>> resumed = await ConsumeAsync(consumer, 10);
        Assert.That(resumed[0].Offset, Is.Zero, "after rejoining, the consumer resumes from the committed offset (none: earliest)");
        Assert.That(lost, Is.EqualTo(new[] { new TopicPartition("stalled", 0) }), "the partition was lost, not revoked: others may own it now");
        Assert.That(revoked, Is.Empty);
        await consumer.CommitAsync();
        Assert.That(Cluster.CommittedOffset("stall-group", "stalled", 0), Is.EqualTo(10));
    }

    [Test]
    public async Task A_committed_offset_lookup_error_that_retrying_cannot_fix_is_raised_until_the_application_seeks()
    {
        await Cluster.CreateTopicAsync("forbidden");
        await ProduceAsync("forbidden", 5, 1);
        Cluster.FailNextRequests(ApiKey.OffsetFetch, 1_000, ErrorCode.GroupAuthorizationFailed);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions("forbidden-group"));
        var tp = new TopicPartition("forbidden", 0);
        consumer.Assign([tp]);

        var error = Assert.ThrowsAsync<KafkaException>(async () => await consumer.ConsumeAsync(TimeSpan.FromSeconds(10)))!;
        Assert.That(error.Error, Is.EqualTo(ErrorCode.GroupAuthorizationFailed), "raised, not retried silently forever");
        Assert.That(error.TopicPartition, Is.EqualTo(tp));
        Assert.ThrowsAsync<KafkaException>(async () => await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(200)), "again, until the application seeks");

        consumer.Seek(new TopicPartitionOffset(tp, 2));
        Assert.That((await ConsumeAsync(consumer, 1))[0].Offset, Is.EqualTo(2));
    }
}
