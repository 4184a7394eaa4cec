// Kafka.Client compiled ahead of time: runs each scenario against --bootstrap-server HOST:PORT, or against an
// embedded cluster it starts itself, prints one line per result, and exits with 0 only when every one passed.
using Kafka.Client;
using Kafka.Client.AotApp;
using Kafka.Client.Testing;

int index = Array.IndexOf(args, "--bootstrap-server");
string? bootstrapServers = index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
IScenario[] scenarios = [new ProduceScenario(count: 200), new ConsumeScenario(count: 200), new HostingScenario(count: 50)];

using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
EmbeddedKafkaCluster? cluster = null;
if (bootstrapServers is null)
{
    cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3, DefaultReplicationFactor = 3 }, timeout.Token);
    bootstrapServers = cluster.BootstrapServers;
    Console.WriteLine($"embedded cluster: {bootstrapServers}");
}

try
{
    bool ok = true;
    foreach (IScenario scenario in scenarios)
    {
        ok &= await scenario.RunAsync(bootstrapServers, Console.Out, timeout.Token);
    }

    Console.WriteLine(ok ? "all passed" : "FAILED");
    return ok ? 0 : 1;
}
catch (Exception e) when (e is KafkaException or OperationCanceledException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }
}
