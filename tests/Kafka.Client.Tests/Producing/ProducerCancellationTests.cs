using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>Cancelling a <c>ProduceAsync</c> stops the caller's wait only; pooled completion sources are not mixed up afterwards.</summary>
public class ProducerCancellationTests
{
    [Test]
    public async Task Cancelled_waits_do_not_disturb_later_sends_and_cancelled_messages_may_still_be_written()
    {
        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false });
        await cluster.CreateTopicAsync("c");
        await using var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, LingerMs = 20 });
        await producer.ProduceAsync("c", new Message<Null, string> { Value = "warm" });

        for (int round = 0; round < 5; round++)
        {
            using var cancel = new CancellationTokenSource();
            var cancelled = Enumerable.Range(0, 200).Select(i => producer.ProduceAsync("c", new Message<Null, string> { Value = $"x{round}-{i}" }, cancel.Token)).ToList();
            cancel.Cancel();
            var kept = Enumerable.Range(0, 200).Select(i => (Value: $"k{round}-{i}", Send: producer.ProduceAsync("c", new Message<Null, string> { Value = $"k{round}-{i}" }))).ToList();

            int cancelledCount = 0;
            foreach (var send in cancelled)
            {
                try
                {
                    await send;
                }
                catch (OperationCanceledException)
                {
                    cancelledCount++;
                }
            }

            Assert.That(cancelledCount, Is.GreaterThan(0), "cancelling during linger.ms ends the wait");
            long previous = -1;
            foreach (var (value, send) in kept)
            {
                DeliveryResult<Null, string> result = await send;
                Assert.That(result.Message.Value, Is.EqualTo(value), "each result belongs to its own send");
                Assert.That(result.Offset, Is.GreaterThan(previous));
                previous = result.Offset;
            }
        }

        await producer.FlushAsync();
        List<string?> log = PartitionLog.Values(cluster, "c", 0);
        Assert.That(log, Has.Count.EqualTo(1 + 5 * 400), "cancellation stops waiting, not the message");
        Assert.That(log.Distinct().Count(), Is.EqualTo(log.Count), "no duplicates");
    }
}
