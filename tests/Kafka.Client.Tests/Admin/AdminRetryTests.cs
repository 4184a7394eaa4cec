using Kafka.Client.Protocol;

namespace Kafka.Client.Tests.Admin;

/// <summary>Retries of moved controllers, coordinators and leaders, the call timeout and the retries option.</summary>
public class AdminRetryTests : AdminTestBase
{
    [Test]
    public async Task A_NOT_CONTROLLER_answer_is_retried_until_the_topic_is_created()
    {
        string topic = NewName("retried");
        Cluster.FailNextRequests(ApiKey.CreateTopics, 2, ErrorCode.NotController);

        var result = (await Admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 2 }])).Single();

        Assert.That(result.Error, Is.Null);
        Assert.That(Cluster.ListTopics(), Does.Contain(topic));
    }

    [Test]
    public async Task Items_still_failing_at_the_deadline_fail_with_RequestTimedOut_and_their_last_error()
    {
        await using var admin = NewAdmin(o => o.DefaultApiTimeoutMs = 700);
        Cluster.FailNextRequests(ApiKey.DeleteTopics, 1_000, ErrorCode.NotController);

        var result = (await admin.DeleteTopicsAsync([NewName("never")])).Single();

        Assert.That(result.Error!.Error, Is.EqualTo(ErrorCode.RequestTimedOut));
        Assert.That(result.Error.Message, Does.Contain("default.api.timeout.ms (700 ms)").And.Contain("NotController"));
    }

    [Test]
    public async Task A_call_that_never_reaches_a_broker_times_out_saying_no_broker_is_reachable()
    {
        string refused = RefusedAddress.Next();
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = refused, DefaultApiTimeoutMs = 700 });

        var error = Assert.ThrowsAsync<KafkaException>(() => admin.ListTopicsAsync());

        Assert.That(error!.Error, Is.EqualTo(ErrorCode.RequestTimedOut));
        Assert.That(error.Message, Does.Contain("default.api.timeout.ms (700 ms); last error: No broker is reachable (bootstrap servers: " + refused + ")"));
    }

    [Test]
    public async Task With_retries_zero_a_retriable_error_is_reported_at_once()
    {
        await using var admin = NewAdmin(o => o.Retries = 0);
        Cluster.FailNextRequests(ApiKey.CreatePartitions, 1, ErrorCode.NotController);
        string topic = NewName("once");
        await Cluster.CreateTopicAsync(topic);

        var result = (await admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = topic, IncreaseTo = 2 }])).Single();

        Assert.That(result.Error!.Error, Is.EqualTo(ErrorCode.NotController));
    }

    [Test]
    public async Task A_NOT_COORDINATOR_answer_finds_the_coordinator_again()
    {
        string group = NewName("group");
        await Admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(await TopicAsync(), 0, 0)]);
        Cluster.FailNextRequests(ApiKey.DescribeGroups, 2, ErrorCode.NotCoordinator);
        Cluster.FailNextRequests(ApiKey.FindCoordinator, 1, ErrorCode.CoordinatorNotAvailable);

        var description = (await Admin.DescribeConsumerGroupsAsync([group])).Single();

        Assert.That(description.Error, Is.Null);
        Assert.That(description.State, Is.EqualTo(ConsumerGroupState.Empty));
    }

    [Test]
    public async Task A_COORDINATOR_LOAD_IN_PROGRESS_answer_to_an_offset_fetch_is_retried()
    {
        string topic = await TopicAsync();
        string group = NewName("group");
        await Admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(topic, 0, 7)]);
        Cluster.FailNextRequests(ApiKey.OffsetFetch, 2, ErrorCode.CoordinatorLoadInProgress);

        var offsets = await Admin.ListConsumerGroupOffsetsAsync(group);

        Assert.That(offsets.Single().Offset, Is.EqualTo(7));
    }

    [Test]
    public async Task A_NOT_LEADER_answer_sends_to_the_leader_again_and_other_partitions_are_unaffected()
    {
        string topic = NewName("leaders");
        await Cluster.CreateTopicAsync(topic, partitions: 3, replicationFactor: 3);
        await ProduceAsync(topic, 0, 3);
        int leader = Cluster.DescribePartition(topic, 0).Leader;
        Cluster.FailNextRequests(ApiKey.ListOffsets, 2, ErrorCode.NotLeaderOrFollower, leader);

        var results = await Admin.ListOffsetsAsync(Enumerable.Range(0, 3).ToDictionary(p => new TopicPartition(topic, p), _ => OffsetSpec.Latest));

        Assert.That(results.Select(r => r.Offset), Is.EqualTo(new long[] { 3, 0, 0 }));
        Assert.That(results.All(r => r.IsSuccess), Is.True);
    }

    [Test]
    public async Task A_partition_whose_leader_keeps_failing_times_out_while_the_others_succeed()
    {
        await using var admin = NewAdmin(o => o.DefaultApiTimeoutMs = 800);
        string topic = NewName("stuck");
        await Cluster.CreateTopicAsync(topic, partitions: 3, replicationFactor: 1);
        int stuckLeader = Cluster.DescribePartition(topic, 0).Leader;
        Cluster.FailNextRequests(ApiKey.ListOffsets, 1_000, ErrorCode.NotLeaderOrFollower, stuckLeader);

        var results = await admin.ListOffsetsAsync(Enumerable.Range(0, 3).ToDictionary(p => new TopicPartition(topic, p), _ => OffsetSpec.Earliest));

        for (int p = 0; p < 3; p++)
        {
            bool stuck = Cluster.DescribePartition(topic, p).Leader == stuckLeader;
            Assert.That(results[p].Error?.Error, Is.EqualTo(stuck ? ErrorCode.RequestTimedOut : (ErrorCode?)null), $"partition {p}");
        }

        Assert.That(results[0].Error!.Message, Does.Contain("NotLeaderOrFollower"));
        Assert.That(results[0].Error!.TopicPartition, Is.EqualTo(new TopicPartition(topic, 0)));
    }

    [Test]
    public async Task A_response_that_cannot_be_decoded_fails_the_call_at_once_instead_of_being_retried()
    {
        await using var admin = NewAdmin(o => o.DefaultApiTimeoutMs = 20_000);
        string topic = await TopicAsync();
        string group = NewName("group");
        await admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(topic, 0, 7)]);
        Cluster.TruncateNextResponses(ApiKey.OffsetFetch, 1_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.CatchAsync<KafkaException>(() => admin.ListConsumerGroupOffsetsAsync(group));
        clock.Stop();
        Cluster.TruncateNextResponses(ApiKey.OffsetFetch, 0);

        Assert.That(error, Is.InstanceOf<KafkaDecodeException>().Or.InnerException.InstanceOf<KafkaDecodeException>(), error!.ToString());
        Assert.That(error.IsRetriable, Is.False);
        Assert.That(error.Message, Does.Contain("Cannot decode OffsetFetch"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "retried until the call's deadline instead of failing at once");
    }

    [Test]
    public void Cancelling_the_call_throws_rather_than_reporting_items()
    {
        Cluster.DelayResponses(ApiKey.CreateTopics, TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.CatchAsync<OperationCanceledException>(() => Admin.CreateTopicsAsync([new TopicSpecification { Name = NewName("slow") }], cancellationToken: cancel.Token));
    }

    [Test]
    public async Task A_disposed_admin_client_refuses_calls()
    {
        KafkaAdminClient admin = NewAdmin();
        await admin.DisposeAsync();

        Assert.ThrowsAsync<ObjectDisposedException>(() => admin.ListTopicsAsync());
        Assert.ThrowsAsync<ObjectDisposedException>(() => admin.DeleteTopicsAsync(["x"]));
    }

    private async Task<string> TopicAsync()
    {
        string topic = NewName("topic");
        await Cluster.CreateTopicAsync(topic, partitions: 2);
        return topic;
    }
}
