// Produces messages two ways: `await ProduceAsync` (one at a time, each with its offset) and `Produce` with a
// delivery callback (many at once, then FlushAsync). Against --bootstrap-server HOST:PORT if given, else against
// an embedded cluster this program starts itself.
//
//   dotnet run --project samples/Producer
//   dotnet run --project samples/Producer -- --bootstrap-server localhost:9092 --topic orders
using Kafka.Client;
using Kafka.Client.Testing;

string? bootstrapServers = ArgumentAfter(args, "--bootstrap-server");
string topic = ArgumentAfter(args, "--topic") ?? "sample-orders";

EmbeddedKafkaCluster? cluster = null;
if (bootstrapServers is null)
{
    cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3, DefaultPartitions = 3, DefaultReplicationFactor = 3 });
    bootstrapServers = cluster.BootstrapServers;
    Console.WriteLine($"Started an embedded cluster: {bootstrapServers}");
}

try
{
    await using var producer = new KafkaProducer<string, string>(new ProducerOptions
    {
        BootstrapServers = bootstrapServers,
        LingerMs = 5,
        CompressionType = CompressionType.Lz4,
    });

    // 1. await ProduceAsync: completes when the brokers acknowledged the message, with where it was written.
    foreach (string customer in new[] { "alice", "bob", "carol" })
    {
        DeliveryResult<string, string> result = await producer.ProduceAsync(
            topic, new Message<string, string> { Key = customer, Value = $"order from {customer}" });
        Console.WriteLine($"ProduceAsync: {result.Message.Key} -> {result.TopicPartitionOffset}");
    }

    // 2. Produce with a callback: returns at once; the callback reports each outcome on a background thread.
    const int count = 1_000;
    int delivered = 0;
    int failed = 0;
    for (int i = 0; i < count; i++)
    {
        producer.Produce(topic, new Message<string, string> { Key = $"customer-{i % 10}", Value = $"order {i}" }, report =>
        {
            if (report.Error is null)
            {
                Interlocked.Increment(ref delivered);
            }
            else
            {
                Interlocked.Increment(ref failed);
                Console.Error.WriteLine($"Produce: {report.Message.Key} failed: {report.Error.Message}");
            }
        });
    }

    await producer.FlushAsync();
    Console.WriteLine($"Produce: {delivered} delivered, {failed} failed");
    return failed == 0 && delivered == count ? 0 : 1;
}
catch (KafkaException e)
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

static string? ArgumentAfter(string[] args, string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
