using System.Diagnostics;
using Kafka.Client.Extensions.Hosting.Tests.Consuming;
using Kafka.Client.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Kafka.Client.Extensions.Hosting.Tests.Diagnostics;

[NonParallelizable]
public class TraceLinkTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task The_process_span_continues_the_trace_of_the_request_that_produced()
    {
        string topic = TestCluster.Unique("traced"), group = TestCluster.Unique("g");
        await TestCluster.Cluster.CreateTopicAsync(topic);
        using var requests = new ActivitySource("Test.Requests");
        var spans = new List<Activity>();
        using TracerProvider tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(requests.Name)
            .AddKafkaClientInstrumentation()
            .AddInMemoryExporter(spans)
            .Build();

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:Common:bootstrap.servers"] = TestCluster.Cluster.BootstrapServers,
            ["Kafka:Consumer:group.id"] = group,
            ["Kafka:Consumer:auto.offset.reset"] = "earliest",
        });
        var journal = new HandlerJournal();
        builder.Services.AddSingleton(journal);
        builder.Services.AddKafkaProducer<string, string>(builder.Configuration.GetSection("Kafka:Producer"));
        builder.Services.AddKafkaConsumerHandler<JournalHandler, string, string>(builder.Configuration.GetSection("Kafka:Consumer"), o => o.Topics = [topic]);
        using IHost host = builder.Build();
        await host.StartAsync();

        ActivityTraceId trace;
        using (Activity request = requests.StartActivity("POST /orders", ActivityKind.Server)!)
        {
            trace = request.TraceId;
            await host.Services.GetRequiredService<KafkaProducer<string, string>>().ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" });
        }

        await Eventually.WaitUntilAsync(() => !journal.Handled.IsEmpty, () => $"the record handled (consumer: {host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single().ExecuteTask?.Exception?.ToString() ?? "running"}, attempts {journal.Attempts.Count})", seconds: 15);
        await host.StopAsync();
        tracing.ForceFlush();

        Activity send = spans.Single(s => s.DisplayName == $"send {topic}");
        Activity process = spans.Single(s => s.DisplayName == $"process {topic}");
        Assert.That(send.TraceId, Is.EqualTo(trace), "send is a child of the request");
        Assert.That(process.TraceId, Is.EqualTo(trace), "one trace from the request to the handler");
        Assert.That(process.ParentSpanId, Is.EqualTo(send.SpanId));
        Assert.That(process.Links.Select(l => l.Context.SpanId), Is.EqualTo(new[] { send.SpanId }), "linked to the send span");
        Assert.That(process.Kind, Is.EqualTo(ActivityKind.Consumer));
        Assert.That(process.GetTagItem("messaging.consumer.group.name"), Is.EqualTo(group));
        Assert.That(process.GetTagItem("messaging.operation.type"), Is.EqualTo("process"));
    }
}
