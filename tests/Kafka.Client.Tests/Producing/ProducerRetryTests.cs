using Kafka.Client.Protocol;
using Kafka.Client.Testing;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Tests.Producing;

/// <summary>Retriable errors are retried (and logged) until delivery.timeout.ms; sequence errors bump the epoch (KIP-360).</summary>
public class ProducerRetryTests : ProducerTestBase
{
    [SetUp]
    public async Task CreateTopicAsync()
    {
        await Cluster.CreateTopicAsync("retry");
    }

    private ProducerOptions RetryOptions(ILoggerFactory? logs = null) => new()
    {
        BootstrapServers = Cluster.BootstrapServers,
        LingerMs = 0,
        RetryBackoffMs = 10,
        RetryBackoffMaxMs = 50,
        DeliveryTimeoutMs = 1_500,
        RequestTimeoutMs = 1_000,
        LoggerFactory = logs,
    };

    [Test]
    public async Task A_retriable_error_is_retried_and_logged_then_the_message_is_written_once()
    {
        var logs = new CapturingLoggerFactory();
        await using var producer = new KafkaProducer<Null, string>(RetryOptions(logs));
        await producer.ProduceAsync("retry", new Message<Null, string> { Value = "first" });
        Cluster.FailNextRequests(ApiKey.Produce, 2, ErrorCode.NotEnoughReplicas);

        DeliveryResult<Null, string> result = await producer.ProduceAsync("retry", new Message<Null, string> { Value = "second" });
        Assert.That(result.Offset, Is.EqualTo(1));
        Assert.That(PartitionLog.Values(Cluster, "retry", 0), Is.EqualTo(new[] { "first", "second" }));
        Assert.That(logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("NotEnoughReplicas", StringComparison.Ordinal) && e.Message.Contains("retrying", StringComparison.Ordinal)),
            Is.EqualTo(2), string.Join(Environment.NewLine, logs.Entries.Select(e => e.Message)));
    }

    [Test]
    public async Task Retries_stop_at_delivery_timeout_ms_and_the_message_fails_with_the_last_error()
    {
        await using var producer = new KafkaProducer<Null, string>(RetryOptions());
        await producer.ProduceAsync("retry", new Message<Null, string> { Value = "first" });
        Cluster.FailNextRequests(ApiKey.Produce, 10_000, ErrorCode.NotEnoughReplicas);

        var error = Assert.ThrowsAsync<ProduceException<Null, string>>(async () => await producer.ProduceAsync("retry", new Message<Null, string> { Value = "never" }).AsTask().WaitAsync(TimeSpan.FromSeconds(20)))!;
        Assert.That(error.Error, Is.EqualTo(ErrorCode.NotEnoughReplicas));
        Assert.That(error.Message, Does.Contain("delivery.timeout.ms").And.Contain("NotEnoughReplicas"));
        Assert.That(error.DeliveryResult.Status, Is.EqualTo(PersistenceStatus.NotPersisted));
    }

    [Test]
    public async Task An_out_of_order_sequence_error_bumps_the_epoch_and_the_message_is_written_once()
    {
        await using var producer = new KafkaProducer<Null, string>(RetryOptions());
        await producer.ProduceAsync("retry", new Message<Null, string> { Value = "first" });
        Cluster.FailNextRequests(ApiKey.Produce, 1, ErrorCode.OutOfOrderSequenceNumber);

        DeliveryResult<Null, string> result = await producer.ProduceAsync("retry", new Message<Null, string> { Value = "second" });
        Assert.That(result.Offset, Is.EqualTo(1));
        Assert.That(PartitionLog.Values(Cluster, "retry", 0), Is.EqualTo(new[] { "first", "second" }));
        var epochs = new List<short>();
        var sequences = new List<int>();
        foreach (ReadOnlyMemory<byte> bytes in Cluster.ReadBatches("retry", 0))
        {
            foreach (RecordBatch batch in new RecordBatchReader(bytes))
            {
                epochs.Add(batch.ProducerEpoch);
                sequences.Add(batch.BaseSequence);
            }
        }

        Assert.That(epochs[1], Is.EqualTo(epochs[0] + 1), "KIP-360: the same producer id with the next epoch");
        Assert.That(sequences, Is.EqualTo(new[] { 0, 0 }), "sequences start again at 0 in the new epoch");
    }
}
