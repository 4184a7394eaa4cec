// An ASP.NET Core minimal API that produces to Kafka: POST /orders/{customer} writes the order with the customer as
// key, GET /health answers with the Kafka health checks. The producer and admin client come from
// Kafka.Client.Extensions.Hosting, configured from the "Kafka" section; with no Kafka:Common:bootstrap.servers the app
// starts an embedded cluster of its own (disposed with the app).
//
//   dotnet run --project samples/WebApi
//   dotnet run --project samples/WebApi -- --Kafka:Common:bootstrap.servers=localhost:9092
//   curl -X POST localhost:5000/orders/alice -H 'Content-Type: application/json' -d '{"item":"book"}'
using Kafka.Client;
using Kafka.Client.Testing;
using WebApi;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
if (builder.Configuration["Kafka:Common:bootstrap.servers"] is null)
{
    EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
    builder.Services.AddSingleton(_ => cluster);
    builder.Configuration["Kafka:Common:bootstrap.servers"] = cluster.BootstrapServers;
}

string topic = builder.Configuration["Orders:Topic"] ?? "orders";
builder.Services.AddKafkaProducer<string, string>(builder.Configuration.GetSection("Kafka:Producer"));
builder.Services.AddKafkaAdminClient(builder.Configuration.GetSection("Kafka:Admin"));
builder.Services.AddHealthChecks().AddKafka();

WebApplication app = builder.Build();
app.MapPost("/orders/{customer}", async (string customer, OrderRequest order, KafkaProducer<string, string> producer, CancellationToken cancellationToken) =>
{
    DeliveryResult<string, string> sent = await producer.ProduceAsync(topic, new Message<string, string> { Key = customer, Value = order.Item }, cancellationToken);
    return Results.Ok(new OrderAccepted(sent.Topic, sent.Partition, sent.Offset));
});
app.MapHealthChecks("/health");
await app.RunAsync();

/// <summary>The app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
