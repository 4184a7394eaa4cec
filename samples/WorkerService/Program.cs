// A Kafka consumer in a .NET worker service with Kafka.Client.Extensions.Hosting: AddKafkaConsumerHandler runs the
// consumer as a hosted service that hands each record to OrderHandler and commits it after the handler returned;
// stopping the host (Ctrl+C, SIGTERM, a container stop) commits and leaves the group. Clients are configured from
// the "Kafka" section (appsettings.json, environment, command line) with Kafka's property names.
// Against --bootstrap-server HOST:PORT if given, else against an embedded cluster this program starts itself, with a
// second service that produces a few orders to consume.
//
//   dotnet run --project samples/WorkerService
//   dotnet run --project samples/WorkerService -- --bootstrap-server localhost:9092 --topic orders
using Kafka.Client;
using Kafka.Client.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkerService;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true);

// The generic host reads --bootstrap-server, --topic and --group from the command line into its configuration.
string topic = builder.Configuration["topic"] ?? "orders";
string group = builder.Configuration["group"] ?? "order-worker";
string? bootstrapServers = builder.Configuration["bootstrap-server"];
EmbeddedKafkaCluster? cluster = null;
if (bootstrapServers is null)
{
    cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
    bootstrapServers = cluster.BootstrapServers;
    Console.WriteLine($"Started an embedded cluster: {bootstrapServers}");
    builder.Services.AddKafkaProducer<string, string>(builder.Configuration.GetSection("Kafka:Producer"));
    builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<DemoOrders>(sp, topic));
}

builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Kafka:Common:bootstrap.servers"] = bootstrapServers,
    ["Kafka:Worker:group.id"] = group,
    ["Kafka:Worker:auto.offset.reset"] = "earliest",
});
builder.Services.AddKafkaConsumerHandler<OrderHandler, string, string>(builder.Configuration.GetSection("Kafka:Worker"), o => o.Topics = [topic]);

try
{
    using IHost host = builder.Build();
    await host.RunAsync();
    await PrintCommittedAsync(bootstrapServers, group);
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }
}

// What the group committed, read back with the admin client: where the next instance starts.
static async Task PrintCommittedAsync(string bootstrapServers, string group)
{
    await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = bootstrapServers, DefaultApiTimeoutMs = 5_000 });
    try
    {
        IReadOnlyList<CommittedOffsetResult> committed = await admin.ListConsumerGroupOffsetsAsync(group);
        Console.WriteLine($"Stopped; committed offsets by partition: {string.Join(", ", committed.Select(c => $"{c.TopicPartition.Partition}@{c.Offset}"))}");
    }
    catch (KafkaException e)
    {
        Console.WriteLine($"Could not read the committed offsets: {e.Message}");
    }
}
