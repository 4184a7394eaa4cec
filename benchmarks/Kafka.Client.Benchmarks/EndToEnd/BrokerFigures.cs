using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Kafka.Client.Testing;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>
/// `broker` mode: the embedded broker's start-up time and memory, and its throughput and CPU per message with
/// Confluent.Kafka producing to `kafka broker` in a separate process.
/// </summary>
internal static class BrokerFigures
{
    public static async Task<int> RunAsync(string[] args)
    {
        int messages = Options.Int(args, "--messages", 1_000_000);
        await StartupAsync();
        ProduceToProcess(messages);
        await MemoryAsync(messages);
        return 0;
    }

    private static async Task StartupAsync()
    {
        await (await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 })).DisposeAsync();
        var times = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            await cluster.DisposeAsync();
        }

        times.Sort();
        Console.WriteLine($"startup 3 brokers (after the first in the process, 20 runs): median {times[10]:F2} ms, max {times[^1]:F2} ms");
    }

    private static void ProduceToProcess(int messages)
    {
        using BrokerProcess broker = BrokerProcess.Start(brokers: 3);
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build())
        {
            admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = "bench", NumPartitions = 6, ReplicationFactor = 3 }]).GetAwaiter().GetResult();
        }

        byte[] value = Payload.Create(100);
        var config = new ProducerConfig { BootstrapServers = broker.BootstrapServers, Acks = Confluent.Kafka.Acks.All, LingerMs = 5, CompressionType = Confluent.Kafka.CompressionType.Lz4, EnableIdempotence = true };
        using var producer = new ProducerBuilder<Confluent.Kafka.Null, byte[]>(config).Build();
        TimeSpan cpuBefore = broker.CpuTime;
        var watch = Stopwatch.StartNew();
        int failed = 0;
        for (int i = 0; i < messages; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce("bench", new Confluent.Kafka.Message<Confluent.Kafka.Null, byte[]> { Value = value }, r => { if (r.Error.IsError) { Interlocked.Increment(ref failed); } });
                    break;
                }
                catch (Confluent.Kafka.ProduceException<Confluent.Kafka.Null, byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(1));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(5));
        watch.Stop();
        TimeSpan cpu = broker.CpuTime - cpuBefore;
        double seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"broker throughput (Confluent.Kafka producer -> kafka broker process, 3 brokers, RF 3, acks=all, lz4, {messages} x 100 B): " +
            $"{messages / seconds:F0} msg/s, {messages * 100.0 / seconds / 1e6:F1} MB/s, broker CPU {cpu.TotalMilliseconds * 1000 * 1000 / messages:F0} ns/msg " +
            $"({cpu.TotalSeconds:F2} s CPU in {seconds:F2} s wall), failed {failed}, broker working set {broker.WorkingSet / 1024 / 1024} MB"));
    }

    private static async Task MemoryAsync(int messages)
    {
        GC.Collect();
        long before = Process.GetCurrentProcess().WorkingSet64;
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
        GC.Collect();
        Console.WriteLine($"working set: process before cluster {before / 1024 / 1024} MB, with an idle 3-broker cluster {Process.GetCurrentProcess().WorkingSet64 / 1024 / 1024} MB");
        await cluster.CreateTopicAsync("mem", partitions: 6, replicationFactor: 3);
        byte[] value = Payload.Create(100);
        var config = new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Acks = Confluent.Kafka.Acks.All, LingerMs = 5, CompressionType = Confluent.Kafka.CompressionType.Lz4 };
        using (var producer = new ProducerBuilder<Confluent.Kafka.Null, byte[]>(config).Build())
        {
            for (int i = 0; i < messages; i++)
            {
                while (true)
                {
                    try
                    {
                        producer.Produce("mem", new Confluent.Kafka.Message<Confluent.Kafka.Null, byte[]> { Value = value });
                        break;
                    }
                    catch (Confluent.Kafka.ProduceException<Confluent.Kafka.Null, byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                    {
                        producer.Poll(TimeSpan.FromMilliseconds(1));
                    }
                }
            }

            producer.Flush(TimeSpan.FromMinutes(5));
        }

        GC.Collect();
        long stored = Enumerable.Range(0, 6).Sum(p => cluster.DescribePartition("mem", p).HighWatermark);
        long bytes = Enumerable.Range(0, 6).Sum(p => cluster.DescribePartition("mem", p).LogSizeBytes);
        long batches = Enumerable.Range(0, 6).Sum(p => cluster.DescribePartition("mem", p).BatchCount);
        Console.WriteLine($"log: {bytes / 1024 / 1024} MB in {batches} batches ({stored / Math.Max(batches, 1)} records per batch)");
        Console.WriteLine($"working set after {stored} messages of 100 B (lz4 batches kept in memory, in-process Confluent producer included): {Process.GetCurrentProcess().WorkingSet64 / 1024 / 1024} MB, managed heap after a full GC {GC.GetTotalMemory(forceFullCollection: true) / 1024 / 1024} MB");
    }
}
