using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Kafka.Client.Testing;
using Kafka.Client.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Kafka.Client.Extensions.Hosting.Tests.Samples;

/// <summary>samples/WebApi in-process on its own embedded cluster, driven over HTTP.</summary>
public class WebApiSampleTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Posted_orders_are_records_keyed_by_customer_and_health_reports_Healthy()
    {
        await using var app = new WebApplicationFactory<Program>();
        using HttpClient http = app.CreateClient();

        var accepted = new List<WebApi.OrderAccepted>();
        foreach ((string customer, string item) in new[] { ("alice", "book"), ("bob", "lamp"), ("alice", "pen") })
        {
            HttpResponseMessage response = await http.PostAsJsonAsync($"/orders/{customer}", new WebApi.OrderRequest(item));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            accepted.Add((await response.Content.ReadFromJsonAsync<WebApi.OrderAccepted>())!);
        }

        Assert.That(accepted.Select(a => a.Topic), Is.All.EqualTo("orders"));
        Assert.That(accepted.Select(a => a.Offset), Is.EqualTo(new long[] { 0, 1, 2 }));

        EmbeddedKafkaCluster cluster = app.Services.GetRequiredService<EmbeddedKafkaCluster>();
        await using (var consumer = new KafkaConsumer<string, string>(new ConsumerOptions { BootstrapServers = cluster.BootstrapServers, AutoOffsetReset = AutoOffsetReset.Earliest }))
        {
            consumer.Assign([new TopicPartition("orders", 0)]);
            var records = new List<(string, string)>();
            while (records.Count < 3)
            {
                ConsumeResult<string, string>? record = await consumer.ConsumeAsync(TimeSpan.FromSeconds(5));
                Assert.That(record, Is.Not.Null, "the posted orders are in the topic");
                records.Add((record!.Message.Key, record.Message.Value));
            }

            Assert.That(records, Is.EqualTo(new[] { ("alice", "book"), ("bob", "lamp"), ("alice", "pen") }));
        }

        HttpResponseMessage health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await health.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task The_hosted_consumer_bills_a_posted_order_in_the_trace_of_the_HTTP_request()
    {
        var spans = new List<Activity>();
        await using WebApplicationFactory<Program> app = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        using HttpClient http = app.CreateClient();

        HttpResponseMessage response = await http.PostAsJsonAsync("/orders/carol", new WebApi.OrderRequest("kettle"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());

        List<WebApi.BilledOrder> billed = [];
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(15); billed.Count == 0 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
            billed = (await http.GetFromJsonAsync<List<WebApi.BilledOrder>>("/orders/billed"))!;
        }

        Assert.That(billed.Select(b => (b.Customer, b.Item, b.Offset)), Is.EqualTo(new[] { ("carol", "kettle", 0L) }), "billed by the hosted consumer, over HTTP");
        Activity[] ended = [];
        await Eventually.WaitUntilAsync(() => (ended = Snapshot(spans)).Any(s => s.DisplayName == "process orders"), "the process span to end", seconds: 5);
        Activity request = ended.Single(s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST", StringComparison.Ordinal));
        Activity process = ended.Single(s => s.DisplayName == "process orders");
        Activity send = ended.Single(s => s.DisplayName == "send orders");
        Assert.That(request.GetTagItem("url.path"), Is.EqualTo("/orders/carol"));
        Assert.That(send.ParentSpanId, Is.EqualTo(request.SpanId), "the producer's send span is a child of the HTTP server span");
        Assert.That(process.ParentSpanId, Is.EqualTo(send.SpanId), "the consumer's process span is a child of the send span");
        Assert.That(process.TraceId, Is.EqualTo(request.TraceId), "one trace from the HTTP request to the handler");
        Assert.That(billed[0].TraceId, Is.EqualTo(request.TraceId.ToString()), "the handler ran in the request's trace");
    }

    // The exporter adds from other threads; a copy, without the slot an add in progress may leave empty.
    private static Activity[] Snapshot(List<Activity> spans) => [.. spans.ToArray().Where(s => s is not null)];
}
