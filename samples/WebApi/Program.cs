// An ASP.NET Core minimal API that produces to Kafka and consumes what it produced: POST /orders/{customer} writes
// the order with the customer as key; a hosted consumer (BillingHandler) bills each order, committing after it
// returned; GET /orders/billed lists what was billed; GET /health answers with the Kafka health checks. Clients come
// from Kafka.Client.Extensions.Hosting, configured from the "Kafka" section of appsettings.json; OpenTelemetry traces
// go from the HTTP request through the producer's send span to the consumer's process span. With no
// Kafka:Common:bootstrap.servers the app starts an embedded cluster of its own (disposed with the app).
//
//   dotnet run --project samples/WebApi
//   dotnet run --project samples/WebApi -- --Kafka:Common:bootstrap.servers=localhost:9092
//   curl -X POST localhost:5000/orders/alice -H 'Content-Type: application/json' -d '{"item":"book"}'
//   curl localhost:5000/orders/billed
using Kafka.Client;
using Kafka.Client.Testing;
using OpenTelemetry.Trace;
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
builder.Services.AddSingleton<BilledOrders>();
builder.Services.AddKafkaConsumerHandler<BillingHandler, string, string>(builder.Configuration.GetSection("Kafka:Billing"), o => o.Topics = [topic]);
builder.Services.AddHealthChecks().AddKafka(builder.Configuration.GetSection("Kafka:Health"));

// Add an exporter (OTLP, console) to see the traces; the test adds an in-memory one.
builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddKafkaClientInstrumentation());

WebApplication app = builder.Build();
app.MapPost("/orders/{customer}", async (string customer, OrderRequest order, KafkaProducer<string, string> producer, CancellationToken cancellationToken) =>
{
    DeliveryResult<string, string> sent = await producer.ProduceAsync(topic, new Message<string, string> { Key = customer, Value = order.Item }, cancellationToken);
    return Results.Ok(new OrderAccepted(sent.Topic, sent.Partition, sent.Offset));
});
app.MapGet("/orders/billed", (BilledOrders billed) => billed.All);
app.MapHealthChecks("/health");
await app.RunAsync();

/// <summary>The app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
