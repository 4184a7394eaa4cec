using System.Buffers;
using System.Text;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>An <see cref="IAsyncSerializer{T}"/> that completes at once or later keeps the order of sends, and its failures are reported.</summary>
public class ProducerAsyncSerializerTests : ProducerTestBase
{
    /// <summary>
    /// Writes the string as UTF-8: values ending in an odd digit complete later (after a short, varying delay),
    /// others at once; a value of "fail" throws after yielding.
    /// </summary>
    private sealed class SometimesLateSerializer : IAsyncSerializer<string>
    {
        public async ValueTask SerializeAsync(string data, IBufferWriter<byte> output, SerializationContext context, CancellationToken cancellationToken)
        {
            if (data == "fail")
            {
                await Task.Yield();
                throw new InvalidOperationException("the schema registry is down");
            }

            if ((data[^1] - '0') % 2 == 1)
            {
                await Task.Delay(data.Length % 3, cancellationToken);
            }

            Encoding.UTF8.GetBytes(data, output);
        }
    }

    private KafkaProducer<Null, string> Producer() =>
        new(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, LingerMs = 2 }, null, new SometimesLateSerializer());

    [Test]
    public async Task Sends_with_a_serializer_that_completes_later_keep_their_order()
    {
        await Cluster.CreateTopicAsync("ordered");
        await using KafkaProducer<Null, string> producer = Producer();
        var expected = new List<string>();
        var awaited = new List<ValueTask<DeliveryResult<Null, string>>>();
        var reported = new List<DeliveryReport<Null, string>>();
        for (int i = 0; i < 300; i++)
        {
            string value = $"m{i}";
            expected.Add(value);
            if (i % 2 == 0)
            {
                awaited.Add(producer.ProduceAsync("ordered", new Message<Null, string> { Value = value }));
            }
            else
            {
                producer.Produce("ordered", new Message<Null, string> { Value = value }, r => { lock (reported) { reported.Add(r); } });
            }
        }

        foreach (var send in awaited)
        {
            await send;
        }

        await producer.FlushAsync();
        Assert.That(reported, Has.Count.EqualTo(150));
        Assert.That(reported.Select(r => r.Error), Has.All.Null);
        Assert.That(PartitionLog.Values(Cluster, "ordered", 0), Is.EqualTo(expected), "the log holds every message in the order it was produced");
    }

    [Test]
    public async Task A_failing_serializer_fails_only_its_own_message()
    {
        await Cluster.CreateTopicAsync("partly");
        await using KafkaProducer<Null, string> producer = Producer();
        var before = producer.ProduceAsync("partly", new Message<Null, string> { Value = "a1" });
        var failing = producer.ProduceAsync("partly", new Message<Null, string> { Value = "fail" });
        KafkaException? reportedError = null;
        producer.Produce("partly", new Message<Null, string> { Value = "fail" }, r => reportedError = r.Error);
        var after = producer.ProduceAsync("partly", new Message<Null, string> { Value = "b2" });

        await before;
        var error = Assert.CatchAsync<Exception>(async () => await failing)!;
        Assert.That(error.ToString(), Does.Contain("the schema registry is down"));
        await after;
        await producer.FlushAsync();
        Assert.That(reportedError, Is.Not.Null);
        Assert.That(reportedError!.ToString(), Does.Contain("the schema registry is down"));
        Assert.That(PartitionLog.Values(Cluster, "partly", 0), Is.EqualTo(new[] { "a1", "b2" }));
    }
}
