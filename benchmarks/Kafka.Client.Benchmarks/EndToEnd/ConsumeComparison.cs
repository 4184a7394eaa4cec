using System.Globalization;
using Confluent.Kafka;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>
/// `e2e consume`: a topic on a `kafka broker` process is filled with N messages of 100 bytes, then this client
/// (<c>await foreach</c> over <c>ReadOnlyMemory&lt;byte&gt;</c> values, then over <c>byte[]</c> values) and Confluent.Kafka (its <c>Consume</c> loop over
/// <c>byte[]</c> values) each read all of them from the beginning, in one run.
/// </summary>
internal static class ConsumeComparison
{
    private const string Topic = "e2e-consume";
    private const int Partitions = 6;

    public static async Task<int> RunAsync(string[] args)
    {
        int messages = Options.Int(args, "--messages", 1_000_000);

        // librdkafka stops fetching a partition for fetch.queue.backoff.ms (default 1,000 ms) once its consumer queue
        // holds queued.min.messages (100,000): a client-side pause, whatever the broker. With several brokers the
        // queue fills sooner and the pauses dominate (a fetch trace: "Fetch backoff for 1000ms: Local: Queue full").
        // --fetch-queue-backoff-ms sets it for Confluent's consumer; the default leaves librdkafka's default.
        int queueBackoff = Options.Int(args, "--fetch-queue-backoff-ms", -1);
        int? fetchQueueBackoffMs = queueBackoff < 0 ? null : queueBackoff;
        // --mock: librdkafka 2.16's mock cluster (in this process) instead of a `kafka broker` process, so neither
        // client's authors wrote the broker. The mock keeps at most 5 MiB per partition (rdkafka_mock.c, max_size) and
        // drops older batches, so at 100-byte values it holds about 250,000 messages over the 6 partitions.
        int brokers = Options.Int(args, "--brokers", 3);
        bool mock = Array.IndexOf(args, "--mock") >= 0;
        // --security SSL|SASL_SSL: the broker's listener and both clients over TLS (SASL_SSL with SCRAM-SHA-512). The
        // mock cluster here has no TLS listener, so the two do not combine.
        using Security security = Security.FromArgs(args);
        if (mock && security.Tls)
        {
            Console.Error.WriteLine("--mock runs librdkafka's mock cluster, which has no TLS or SASL listener: use --security PLAINTEXT with it.");
            return 2;
        }

        using IDisposable host = mock ? StartMock(brokers) : BrokerProcess.Start(brokers: brokers, security: security);
        string bootstrap = host is BrokerProcess process ? process.BootstrapServers : ((Kafka.Client.Oracle.Tests.LibrdkafkaMockCluster)host).BootstrapServers;
        await FillAsync(bootstrap, security, messages, createTopic: !mock);

        // Warm both clients up once so JIT and connections are not measured.
        int warmup = Math.Min(messages, 50_000);
        await OursAsync(bootstrap, security, warmup);
        TheirsConsume(bootstrap, security, warmup, fetchQueueBackoffMs);

        var results = new List<Measurement>
        {
            await Measurement.RunAsync("ours await-foreach", messages, () => OursAsync(bootstrap, security, messages)),
            await Measurement.RunAsync("confluent consume", messages, () => { TheirsConsume(bootstrap, security, messages, fetchQueueBackoffMs); return Task.CompletedTask; }),
            await Measurement.RunAsync("ours await-foreach byte[]", messages, () => OursAsync<byte[]>(bootstrap, security, messages, static v => v.Length)),
        };
        foreach (Measurement r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-26} {r.MessagesPerSecond,12:F0} msg/s {r.MessagesPerSecond * 100 / 1e6,7:F1} MB/s  cpu {r.CpuNsPerMessage,7:F0} ns/msg  alloc {r.AllocatedBytesPerMessage,7:F1} B/msg  {r.Collections}"));
        }

        Measurement ours = results[0];
        Measurement confluent = results[1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"consume broker={(mock ? "librdkafka-mock" : "kafka-broker")} brokers={brokers} security={security.Name} fetch_queue_backoff_ms={(fetchQueueBackoffMs?.ToString(CultureInfo.InvariantCulture) ?? "default")} ours_msgs_s={ours.MessagesPerSecond:F0} confluent_msgs_s={confluent.MessagesPerSecond:F0} ratio={ours.MessagesPerSecond / confluent.MessagesPerSecond:F2} cpu_ratio={ours.CpuNsPerMessage / confluent.CpuNsPerMessage:F2} ours_alloc_b_per_msg={ours.AllocatedBytesPerMessage:F0}"));
        return 0;
    }

    private static Kafka.Client.Oracle.Tests.LibrdkafkaMockCluster StartMock(int brokers)
    {
        var cluster = new Kafka.Client.Oracle.Tests.LibrdkafkaMockCluster(Kafka.Client.Oracle.Tests.MockLibrary.Redist, brokers);
        cluster.CreateTopic(Topic, Partitions, 1); // topics on the mock are created through its C API
        return cluster;
    }

    private static async Task FillAsync(string bootstrap, Security security, int messages, bool createTopic)
    {
        if (createTopic)
        {
            using var admin = new AdminClientBuilder(security.Theirs(new AdminClientConfig { BootstrapServers = bootstrap })).Build();
            await admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = Topic, NumPartitions = Partitions, ReplicationFactor = 1 }]);
        }

        await using var producer = new KafkaProducer<Kafka.Client.Null, byte[]>(security.Ours(new ProducerOptions { BootstrapServers = bootstrap, LingerMs = 5, BatchSize = 1_000_000 }));
        var message = new Kafka.Client.Message<Kafka.Client.Null, byte[]> { Value = Payload.Create(100) };
        int failed = 0;
        Action<Kafka.Client.DeliveryReport<Kafka.Client.Null, byte[]>> report = r => { if (r.Error is not null) { Interlocked.Increment(ref failed); } };
        for (int i = 0; i < messages; i++)
        {
            producer.Produce(new Kafka.Client.TopicPartition(Topic, i % Partitions), message, report);
        }

        await producer.FlushAsync();
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} messages failed to fill the topic.");
        }
    }

    private static Task OursAsync(string bootstrap, Security security, int messages) => OursAsync<ReadOnlyMemory<byte>>(bootstrap, security, messages, static v => v.Length);

    private static async Task OursAsync<TValue>(string bootstrap, Security security, int messages, Func<TValue, int> length)
    {
        await using var consumer = new KafkaConsumer<Kafka.Client.Ignore, TValue>(security.Ours(new ConsumerOptions { BootstrapServers = bootstrap }));
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new Kafka.Client.TopicPartitionOffset(Topic, p, Kafka.Client.Offset.Beginning)));
        long bytes = 0;
        int count = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await foreach (var record in consumer.ConsumeAsync(timeout.Token))
            {
                bytes += length(record.Value);
                if (++count == messages)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Read {count} of {messages} messages in 5 minutes.");
        }

        Check(bytes, messages);
    }

    private static void TheirsConsume(string bootstrap, Security security, int messages, int? fetchQueueBackoffMs)
    {
        var config = security.Theirs(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "e2e-unused", EnableAutoCommit = false, FetchQueueBackoffMs = fetchQueueBackoffMs });
        using var consumer = new ConsumerBuilder<Confluent.Kafka.Ignore, byte[]>(config).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new Confluent.Kafka.TopicPartitionOffset(Topic, p, Confluent.Kafka.Offset.Beginning)));
        long bytes = 0;
        int count = 0;
        DateTime deadline = DateTime.UtcNow.AddMinutes(5);
        while (count < messages && DateTime.UtcNow < deadline)
        {
            Confluent.Kafka.ConsumeResult<Confluent.Kafka.Ignore, byte[]>? result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is { IsPartitionEOF: false })
            {
                bytes += result.Message.Value.Length;
                count++;
            }
        }

        Check(bytes, messages);
    }

    private static void Check(long bytes, int messages)
    {
        if (bytes != messages * 100L)
        {
            throw new InvalidOperationException($"Read {bytes} bytes, expected {messages * 100L}.");
        }
    }
}
