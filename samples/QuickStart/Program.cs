// Kafka's quickstart in one program: create a topic with replication factor 3, describe it, produce messages,
// consume them from the beginning in a consumer group, and show the group's offsets and lag.
// Against --bootstrap-server HOST:PORT if given, else against an embedded cluster of six brokers (ids 10, 11, 12 on
// one "server" and 20, 21, 22 on another) that this program starts itself.
//
//   dotnet run --project samples/QuickStart
//   dotnet run --project samples/QuickStart -- --bootstrap-server localhost:9092
using Kafka.Client;
using Kafka.Client.Testing;

const string Topic = "testTopic";
const string Group = "quickstart";
const int Count = 10;

string? bootstrapServers = ArgumentAfter(args, "--bootstrap-server");
EmbeddedKafkaCluster? cluster = null;
if (bootstrapServers is null)
{
    cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { BrokerIds = [10, 11, 12, 20, 21, 22] });
    bootstrapServers = cluster.BootstrapServers;
    Console.WriteLine($"Started an embedded cluster of 6 brokers: {bootstrapServers}");
}

using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
try
{
    await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = bootstrapServers });

    // 1. Create the topic: 3 partitions, each on 3 brokers. Running again against the same cluster reuses it.
    CreateTopicResult created = (await admin.CreateTopicsAsync(
        [new TopicSpecification { Name = Topic, NumPartitions = 3, ReplicationFactor = 3 }], cancellationToken: timeout.Token))[0];
    Console.WriteLine(created.Error is null ? $"Created topic {Topic}." : $"Topic {Topic}: {created.Error.Message}");
    if (created.Error is { Error: not Kafka.Client.Protocol.ErrorCode.TopicAlreadyExists } failure)
    {
        throw failure;
    }

    // 2. Describe it: who leads each partition, which brokers hold a replica, which are in sync.
    TopicDescription topic = await DescribeWhenKnownAsync(admin, Topic, timeout.Token);
    foreach (TopicPartitionInfo partition in topic.Partitions.OrderBy(p => p.Partition))
    {
        Console.WriteLine($"Partition {partition.Partition}: leader {partition.Leader?.Id.ToString() ?? "none"}, "
            + $"replicas {string.Join(",", partition.Replicas.Select(n => n.Id))}, isr {string.Join(",", partition.Isr.Select(n => n.Id))}");
    }

    // 3. Produce: each await returns once the message is written, with its partition and offset.
    string run = Guid.NewGuid().ToString("N")[..8];
    await using (var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = bootstrapServers }))
    {
        for (int i = 0; i < Count; i++)
        {
            DeliveryResult<string, string> sent = await producer.ProduceAsync(
                Topic, new Message<string, string> { Key = $"key-{i % 3}", Value = $"message {i} of run {run}" }, timeout.Token);
            Console.WriteLine($"Produced {sent.Message.Value} to {sent.TopicPartitionOffset}");
        }
    }

    // 4. Consume from the beginning in a group, with await foreach, until this run's messages are all read.
    await using (var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
    {
        BootstrapServers = bootstrapServers,
        GroupId = Group,
        AutoOffsetReset = AutoOffsetReset.Earliest,
    }))
    {
        consumer.Subscribe(Topic);
        int received = 0;
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            Console.WriteLine($"Consumed {record.Message.Key} = {record.Message.Value} from {record.TopicPartitionOffset}");
            if (record.Message.Value.EndsWith($"of run {run}", StringComparison.Ordinal) && ++received == Count)
            {
                break;
            }
        }

        await consumer.CommitAsync(timeout.Token);
    } // Disposing leaves the group.

    // 5. The group's committed offsets and lag, as `kafka groups --describe` shows them.
    foreach (ConsumerLag lag in await admin.ListConsumerGroupLagAsync(Group, cancellationToken: timeout.Token))
    {
        Console.WriteLine($"Group {Group}: {lag.Topic} [{lag.Partition}] committed {lag.CommittedOffset}, end {lag.LogEndOffset}, lag {lag.Lag}");
    }

    return 0;
}
catch (KafkaException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (timeout.IsCancellationRequested)
{
    Console.Error.WriteLine("error: the quickstart did not finish within a minute.");
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

// On a real cluster a new topic reaches every broker's metadata a moment after it is created.
static async Task<TopicDescription> DescribeWhenKnownAsync(KafkaAdminClient admin, string topic, CancellationToken cancellationToken)
{
    for (int attempt = 1; ; attempt++)
    {
        try
        {
            return (await admin.DescribeTopicsAsync([topic], cancellationToken)).ThrowIfAnyFailed()[0];
        }
        catch (KafkaException e) when (e.Error == Kafka.Client.Protocol.ErrorCode.UnknownTopicOrPartition && attempt < 20)
        {
            await Task.Delay(100, cancellationToken);
        }
    }
}
