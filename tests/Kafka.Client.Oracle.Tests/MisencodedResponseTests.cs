using Kafka.Client.Protocol;

namespace Kafka.Client.Oracle.Tests;

/// <summary>
/// librdkafka 2.0.2's mock encodes ListOffsets v4+ responses wrongly (LeaderEpoch as 8 bytes): with two partitions
/// on one leader, the second partition used to read as index -1 with error -1, and the consumer reported
/// "Cannot find a position for T [0]: UnknownServerError on T [-1]" (issue 12, item 3). Bytes left over after a
/// response's body now fail the call at once with a decode error that names the API and version.
/// </summary>
public class MisencodedResponseTests
{
    private LibrdkafkaMockCluster _mock = null!;
    private const string Topic = "two-on-one-leader";

    [OneTimeSetUp]
    public void StartMock()
    {
        _mock = new LibrdkafkaMockCluster(MockLibrary.Debian);
        _mock.CreateTopic(Topic, 2, 1);
        _mock.SetLeader(Topic, 0, 1);
        _mock.SetLeader(Topic, 1, 1);
    }

    [OneTimeTearDown]
    public void StopMock() => _mock.Dispose();

    [Test]
    public async Task The_admin_client_fails_at_once_naming_the_response_it_cannot_trust()
    {
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = _mock.BootstrapServers, DefaultApiTimeoutMs = 20_000 });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        IReadOnlyList<ListOffsetsResult> results = await admin.ListOffsetsAsync(new Dictionary<TopicPartition, OffsetSpec> { [new(Topic, 0)] = OffsetSpec.Latest, [new(Topic, 1)] = OffsetSpec.Latest });
        clock.Stop();

        Assert.That(results.Select(r => r.TopicPartition.Partition), Is.EqualTo(new[] { 0, 1 }));
        foreach (ListOffsetsResult result in results)
        {
            KafkaException? error = result.Error;
            Assert.That(error, Is.Not.Null, $"{result.TopicPartition} got offset {result.Offset} from a response that cannot be trusted");
            Assert.That(error, Is.InstanceOf<KafkaDecodeException>().Or.InnerException.InstanceOf<KafkaDecodeException>(), error!.ToString());
            Assert.That(error.IsRetriable, Is.False);
            Assert.That(error.Message, Does.Contain("Cannot decode ListOffsets v5").And.Contain("left over"));
            Assert.That(error.Message, Does.Not.Contain("[-1]"));
        }

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "retried until the call's deadline instead of failing at once");
    }

    [Test]
    public async Task The_consumer_raises_the_decode_error_for_the_partitions_it_looked_up()
    {
        await using var consumer = new KafkaConsumer<string, string>(new ConsumerOptions { BootstrapServers = _mock.BootstrapServers, AutoOffsetReset = AutoOffsetReset.Earliest });
        consumer.Assign([new TopicPartition(Topic, 0), new TopicPartition(Topic, 1)]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var error = Assert.CatchAsync<KafkaException>(async () =>
        {
            await foreach (ConsumeResult<string, string> _ in consumer.ConsumeAsync(timeout.Token))
            {
            }
        });

        Assert.That(error!.Message, Does.StartWith($"Cannot find a position for {Topic} [").And.Contain("Cannot decode ListOffsets v5"), error.ToString());
        Assert.That(error.Message, Does.Not.Contain("[-1]"));
    }
}
