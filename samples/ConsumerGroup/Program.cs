// Three consumers share one consumer group: each reads with await foreach, and prints the partitions a rebalance
// assigns to it or revokes from it, and every message it consumes. The program exits once all messages are read.
// Against --bootstrap-server HOST:PORT if given, else against an embedded cluster this program starts itself.
//
//   dotnet run --project samples/ConsumerGroup
//   dotnet run --project samples/ConsumerGroup -- --bootstrap-server localhost:9092
using System.Collections.Concurrent;
using Kafka.Client;
using Kafka.Client.Testing;

const int Partitions = 6;
const int Count = 60;
string run = Guid.NewGuid().ToString("N")[..8];
string topic = $"orders-{run}";
string group = $"order-processors-{run}";

string? bootstrapServers = ArgumentAfter(args, "--bootstrap-server");
EmbeddedKafkaCluster? cluster = null;
if (bootstrapServers is null)
{
    cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
    bootstrapServers = cluster.BootstrapServers;
    Console.WriteLine($"Started an embedded cluster: {bootstrapServers}");
}

using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
var owned = new ConcurrentDictionary<string, HashSet<TopicPartition>>();
var consumed = new ConcurrentDictionary<TopicPartitionOffset, string>();
var allConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var perConsumer = new ConcurrentDictionary<string, int>();
try
{
    await using (var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = bootstrapServers }))
    {
        (await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = Partitions }], cancellationToken: timeout.Token)).ThrowIfAnyFailed();
        Console.WriteLine($"Created topic {topic} with {Partitions} partitions.");
    }

    // One consumer first: it gets every partition. Two more join: a rebalance spreads the partitions over three.
    var consumers = new List<Task> { ConsumeAsync("consumer-1") };
    await UntilAsync(() => Owned("consumer-1") == Partitions);
    consumers.Add(ConsumeAsync("consumer-2"));
    consumers.Add(ConsumeAsync("consumer-3"));
    await UntilAsync(() => Owned("consumer-1") > 0 && Owned("consumer-2") > 0 && Owned("consumer-3") > 0 && owned.Values.Sum(p => p.Count) == Partitions);

    await using (var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = bootstrapServers }))
    {
        for (int i = 0; i < Count; i++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = $"customer-{i % 12}", Value = $"order {i}" }, timeout.Token);
        }
    }

    Console.WriteLine($"Produced {Count} messages.");
    await allConsumed.Task.WaitAsync(timeout.Token);

    // Stopping the loops disposes the consumers: each commits its offsets and leaves the group.
    await stop.CancelAsync();
    await Task.WhenAll(consumers);
    Console.WriteLine($"All {Count} messages consumed by {perConsumer.Count} consumers: "
        + string.Join(", ", perConsumer.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")) + ".");
    return 0;
}
catch (KafkaException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (timeout.IsCancellationRequested)
{
    Console.Error.WriteLine($"error: only {consumed.Count} of {Count} messages were consumed within a minute.");
    return 1;
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }
}

// One member of the group: prints its rebalances and what it consumes, until the program stops it.
async Task ConsumeAsync(string name)
{
    var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
    {
        BootstrapServers = bootstrapServers,
        GroupId = group,
        ClientId = name,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        HeartbeatIntervalMs = 500, // notice a rebalance within half a second
    });
    owned[name] = [];
    consumer.OnPartitionsAssigned = (partitions, _) => Changed(name, "assigned", partitions, (set, p) => set.Add(p));
    consumer.OnPartitionsRevoked = (partitions, _) => Changed(name, "revoked", partitions, (set, p) => set.Remove(p));
    consumer.OnPartitionsLost = (partitions, _) => Changed(name, "lost", partitions, (set, p) => set.Remove(p));
    await using (consumer)
    {
        consumer.Subscribe(topic);
        try
        {
            await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(stop.Token))
            {
                Console.WriteLine($"{name}: consumed {record.Message.Key} = {record.Message.Value} from {record.TopicPartitionOffset}");
                perConsumer.AddOrUpdate(name, 1, (_, n) => n + 1);
                if (consumed.TryAdd(record.TopicPartitionOffset, record.Message.Value) && consumed.Count == Count)
                {
                    allConsumed.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    } // Disposing commits the consumed offsets, calls the revoked handler and leaves the group.

    Console.WriteLine($"{name}: left the group");
}

ValueTask Changed(string name, string what, IReadOnlyList<TopicPartition> partitions, Func<HashSet<TopicPartition>, TopicPartition, bool> change)
{
    lock (owned)
    {
        foreach (TopicPartition partition in partitions)
        {
            change(owned[name], partition);
        }
    }

    Console.WriteLine($"{name}: {what} partitions {string.Join(", ", partitions.OrderBy(p => p.Partition).Select(p => p.Partition))}");
    return ValueTask.CompletedTask;
}

int Owned(string name)
{
    lock (owned)
    {
        return owned.TryGetValue(name, out HashSet<TopicPartition>? set) ? set.Count : 0;
    }
}

async Task UntilAsync(Func<bool> condition)
{
    while (!condition())
    {
        await Task.Delay(50, timeout.Token);
    }
}

static string? ArgumentAfter(string[] args, string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
