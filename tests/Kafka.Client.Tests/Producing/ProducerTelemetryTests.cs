using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>The producer's spans (ActivitySource "Kafka.Client") and metrics (Meter "Kafka.Client").</summary>
[NonParallelizable]
public class ProducerTelemetryTests
{
    [Test]
    public async Task A_send_span_follows_messaging_conventions_and_its_context_travels_in_a_traceparent_header()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Kafka.Client",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        long sent = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "Kafka.Client") { l.EnableMeasurementEvents(instrument); } },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (instrument.Name == "messaging.client.sent.messages" && tag.Key == "messaging.destination.name" && (string?)tag.Value == "traced")
                {
                    Interlocked.Add(ref sent, value);
                }
            }
        });
        meters.Start();

        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        await cluster.CreateTopicAsync("traced");
        await using (var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers }))
        {
            await producer.ProduceAsync("traced", new Message<string, string> { Key = "k", Value = "v" });
        }

        Activity span = spans.Single(s => s.DisplayName == "send traced");
        Assert.That(span.Kind, Is.EqualTo(ActivityKind.Producer));
        Assert.That(span.GetTagItem("messaging.system"), Is.EqualTo("kafka"));
        Assert.That(span.GetTagItem("messaging.destination.name"), Is.EqualTo("traced"));
        Assert.That(span.GetTagItem("messaging.kafka.offset"), Is.EqualTo(0L));
        Assert.That(Interlocked.Read(ref sent), Is.EqualTo(1));

        foreach (RecordBatch batch in new RecordBatchReader(cluster.ReadBatches("traced", 0)[0]))
        {
            foreach (Record record in batch.GetRecords())
            {
                var headers = new List<(string, string)>();
                foreach (RecordHeaderView header in record.Headers)
                {
                    headers.Add((header.GetKey(), System.Text.Encoding.ASCII.GetString(header.Value)));
                }

                Assert.That(headers, Does.Contain(("traceparent", span.Id!)));
            }
        }
    }

    [Test]
    public async Task The_meter_records_messages_bytes_batch_sizes_request_latency_and_errors()
    {
        var totals = new System.Collections.Concurrent.ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "Kafka.Client") { l.EnableMeasurementEvents(instrument); } },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, t) => t + value));
        meters.SetMeasurementEventCallback<int>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, t) => t + value));
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, t) => t + value));
        meters.Start();

        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        await cluster.CreateTopicAsync("metered");
        await using (var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers, LingerMs = 5, RetryBackoffMs = 10 }))
        {
            cluster.FailNextRequests(ApiKey.Produce, 1, ErrorCode.NotEnoughReplicas);
            var sends = Enumerable.Range(0, 50).Select(i => producer.ProduceAsync("metered", new Message<Null, string> { Value = $"m{i}" })).ToList();
            foreach (var send in sends)
            {
                await send;
            }
        }

        long logBytes = cluster.DescribePartition("metered", 0).LogSizeBytes;
        Assert.That(totals.GetValueOrDefault("messaging.client.sent.messages"), Is.EqualTo(50));
        Assert.That(totals.GetValueOrDefault("kafka.producer.batch.records"), Is.EqualTo(50), "batch sizes add up to the messages");
        Assert.That(totals.GetValueOrDefault("kafka.producer.sent.bytes"), Is.EqualTo(logBytes), "the bytes acknowledged are the bytes in the log");
        Assert.That(totals.GetValueOrDefault("kafka.producer.request.duration"), Is.GreaterThan(0));
        Assert.That(totals.GetValueOrDefault("kafka.producer.errors"), Is.EqualTo(1), "the injected error was counted");
    }
}
