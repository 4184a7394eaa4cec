using System.Net;
using System.Net.Http.Json;
using Kafka.Client.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

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
}
