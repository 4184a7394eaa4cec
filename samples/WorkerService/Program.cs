// A Kafka consumer in a .NET worker service: a BackgroundService reads with await foreach, and stopping the host
// (Ctrl+C, SIGTERM, a container stop) ends the loop, commits the consumed offsets and leaves the group.
// Against --bootstrap-server HOST:PORT if given, else against an embedded cluster this program starts itself, with a
// second service that produces a few orders to consume.
//
//   dotnet run --project samples/WorkerService
//   dotnet run --project samples/WorkerService -- --bootstrap-server localhost:9092 --topic orders
using Kafka.Client.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkerService;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true);

// The generic host reads --bootstrap-server and --topic from the command line into its configuration.
string? bootstrapServers = builder.Configuration["bootstrap-server"];
EmbeddedKafkaCluster? cluster = null;
if (bootstrapServers is null)
{
    cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
    bootstrapServers = cluster.BootstrapServers;
    Console.WriteLine($"Started an embedded cluster: {bootstrapServers}");
    builder.Services.AddHostedService<DemoOrders>();
}

builder.Services.AddSingleton(new WorkerSettings(bootstrapServers, builder.Configuration["topic"] ?? "orders", builder.Configuration["group"] ?? "order-worker"));
builder.Services.AddHostedService<OrderWorker>();

try
{
    using IHost host = builder.Build();
    await host.RunAsync();
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }
}
