using System.Globalization;
using Confluent.Kafka;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>
/// `e2e produce`: this client and Confluent.Kafka each send N messages of 100 bytes (acks=all, linger.ms=5,
/// lz4 and none) to the same `kafka broker` process, with their best-suited APIs, in one run; over PLAINTEXT,
/// or with <c>--security SSL|SASL_SSL</c> over TLS (and SCRAM-SHA-512). With <c>--transactional</c>: each client's
/// <c>Produce</c> + callback run idempotent and then in transactions of <c>--transaction-size</c> messages
/// (<see cref="TransactionalProduce"/>; Confluent.Kafka also without its background poll thread), per codec.
/// </summary>
internal static class ProduceComparison
{
    public static async Task<int> RunAsync(string[] args)
    {
        int messages = Options.Int(args, "--messages", 1_000_000);
        int brokers = Options.Int(args, "--brokers", 3);
        using Security security = Security.FromArgs(args);
        using BrokerProcess broker = BrokerProcess.Start(brokers: brokers, security: security);
        using (var admin = new AdminClientBuilder(security.Theirs(new AdminClientConfig { BootstrapServers = broker.BootstrapServers })).Build())
        {
            await admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = "e2e", NumPartitions = 6, ReplicationFactor = (short)Math.Min(3, brokers) }]);
        }

        byte[] value = Payload.Create(100);
        using AllocationSampler? sampler = args.Contains("--alloc-types") ? new AllocationSampler() : null;
        var results = new List<Measurement>();
        bool transactional = args.Contains("--transactional");
        int transactionSize = Options.Int(args, "--transaction-size", 1_000);
        if (transactionSize < 1)
        {
            throw new ArgumentException("--transaction-size takes a count of at least 1.");
        }

        var initMs = new Dictionary<string, double>();
        foreach (string codec in (string[])["none", "lz4"])
        {
            // Warm both clients up once so JIT and connections are not measured.
            await OursCallbackAsync(broker.BootstrapServers, security, codec, value, Math.Min(messages, 50_000));
            ConfluentCallback(broker.BootstrapServers, security, codec, value, Math.Min(messages, 50_000));
            if (transactional)
            {
                // Transactional mode: warm the transactional producers up too, then per client the idempotent run and the transactional one(s), same messages.
                await TransactionalProduce.OursAsync("warm-up", OurOptions(broker.BootstrapServers, security, codec), value, Math.Min(messages, 50_000), transactionSize, null);
                await TransactionalProduce.ConfluentAsync("warm-up", TheirOptions(broker.BootstrapServers, security, codec), value, Math.Min(messages, 50_000), transactionSize);
                await TransactionalProduce.ConfluentAsync("warm-up", TheirOptions(broker.BootstrapServers, security, codec), value, Math.Min(messages, 50_000), transactionSize, backgroundPoll: false);

                results.Add(await Measurement.RunAsync($"ours callback {codec}", messages, () => OursCallbackAsync(broker.BootstrapServers, security, codec, value, messages), sampler));
                (Measurement ourTxn, double ourInit) = await TransactionalProduce.OursAsync($"ours txn callback {codec}", OurOptions(broker.BootstrapServers, security, codec), value, messages, transactionSize, sampler);
                results.Add(ourTxn);
                initMs[ourTxn.Name] = ourInit;
                results.Add(await Measurement.RunAsync($"confluent callback {codec}", messages, () => { ConfluentCallback(broker.BootstrapServers, security, codec, value, messages); return Task.CompletedTask; }));
                (Measurement theirTxn, double theirInit) = await TransactionalProduce.ConfluentAsync($"confluent txn callback {codec}", TheirOptions(broker.BootstrapServers, security, codec), value, messages, transactionSize);
                results.Add(theirTxn);
                initMs[theirTxn.Name] = theirInit;
                (Measurement theirNoBg, double theirNoBgInit) = await TransactionalProduce.ConfluentAsync($"confluent txn no-bg-poll {codec}", TheirOptions(broker.BootstrapServers, security, codec), value, messages, transactionSize, backgroundPoll: false);
                results.Add(theirNoBg);
                initMs[theirNoBg.Name] = theirNoBgInit;
                continue;
            }

            results.Add(await Measurement.RunAsync($"ours callback {codec}", messages, () => OursCallbackAsync(broker.BootstrapServers, security, codec, value, messages), sampler));
            results.Add(await Measurement.RunAsync($"ours await-window {codec}", messages, () => OursWindowedAsync(broker.BootstrapServers, security, codec, value, messages), sampler));
            results.Add(await Measurement.RunAsync($"confluent callback {codec}", messages, () => { ConfluentCallback(broker.BootstrapServers, security, codec, value, messages); return Task.CompletedTask; }));
            results.Add(await Measurement.RunAsync($"confluent await-window {codec}", messages, () => ConfluentWindowedAsync(broker.BootstrapServers, security, codec, value, messages)));
        }

        foreach (Measurement r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name,-30} {r.MessagesPerSecond,12:F0} msg/s {r.MessagesPerSecond * 100 / 1e6,7:F1} MB/s  cpu {r.CpuNsPerMessage,7:F0} ns/msg  alloc {r.AllocatedBytesPerMessage,7:F1} B/msg"));
        }

        if (transactional)
        {
            TransactionalProduce.PrintSummary(results, initMs, brokers, security.Name, transactionSize);
            return 0;
        }

        Measurement ours = results.Where(r => r.Name.StartsWith("ours", StringComparison.Ordinal) && r.Name.EndsWith("lz4", StringComparison.Ordinal)).MaxBy(r => r.MessagesPerSecond)!;
        Measurement confluent = results.Where(r => r.Name.StartsWith("confluent", StringComparison.Ordinal) && r.Name.EndsWith("lz4", StringComparison.Ordinal)).MaxBy(r => r.MessagesPerSecond)!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"produce brokers={brokers} security={security.Name} ours_msgs_s={ours.MessagesPerSecond:F0} confluent_msgs_s={confluent.MessagesPerSecond:F0} ratio={ours.MessagesPerSecond / confluent.MessagesPerSecond:F2} cpu_ratio={ours.CpuNsPerMessage / confluent.CpuNsPerMessage:F2} ours_alloc_b_per_msg={results.First(r => r.Name == "ours callback lz4").AllocatedBytesPerMessage:F0}"));
        return 0;
    }

    private static ProducerOptions OurOptions(string bootstrap, Security security, string codec) => security.Ours(new ProducerOptions
    {
        BootstrapServers = bootstrap,
        Acks = Kafka.Client.Acks.All,
        LingerMs = 5,
        CompressionType = codec == "lz4" ? Kafka.Client.CompressionType.Lz4 : Kafka.Client.CompressionType.None,
        BatchSize = 1_000_000,
    });

    private static ProducerConfig TheirOptions(string bootstrap, Security security, string codec) => security.Theirs(new ProducerConfig
    {
        BootstrapServers = bootstrap,
        Acks = Confluent.Kafka.Acks.All,
        LingerMs = 5,
        EnableIdempotence = true,
        CompressionType = codec == "lz4" ? Confluent.Kafka.CompressionType.Lz4 : Confluent.Kafka.CompressionType.None,
    });

    private static async Task OursCallbackAsync(string bootstrap, Security security, string codec, byte[] value, int messages)
    {
        await using var producer = new KafkaProducer<Kafka.Client.Null, byte[]>(OurOptions(bootstrap, security, codec));
        var message = new Kafka.Client.Message<Kafka.Client.Null, byte[]> { Value = value };
        int failed = 0;
        Action<Kafka.Client.DeliveryReport<Kafka.Client.Null, byte[]>> report = r => { if (r.Error is not null) { Interlocked.Increment(ref failed); } };
        for (int i = 0; i < messages; i++)
        {
            producer.Produce("e2e", message, report);
        }

        await producer.FlushAsync();
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} messages failed.");
        }
    }

    private static async Task OursWindowedAsync(string bootstrap, Security security, string codec, byte[] value, int messages)
    {
        await using var producer = new KafkaProducer<Kafka.Client.Null, byte[]>(OurOptions(bootstrap, security, codec));
        var message = new Kafka.Client.Message<Kafka.Client.Null, byte[]> { Value = value };
        const int Window = 10_000;
        var window = new ValueTask<Kafka.Client.DeliveryResult<Kafka.Client.Null, byte[]>>[Window];
        for (int start = 0; start < messages; start += Window)
        {
            int count = Math.Min(Window, messages - start);
            for (int i = 0; i < count; i++)
            {
                window[i] = producer.ProduceAsync("e2e", message);
            }

            for (int i = 0; i < count; i++)
            {
                await window[i];
            }
        }
    }

    private static void ConfluentCallback(string bootstrap, Security security, string codec, byte[] value, int messages)
    {
        using var producer = new ProducerBuilder<Confluent.Kafka.Null, byte[]>(TheirOptions(bootstrap, security, codec)).Build();
        var message = new Confluent.Kafka.Message<Confluent.Kafka.Null, byte[]> { Value = value };
        int failed = 0;
        Action<Confluent.Kafka.DeliveryReport<Confluent.Kafka.Null, byte[]>> report = r => { if (r.Error.IsError) { Interlocked.Increment(ref failed); } };
        for (int i = 0; i < messages; i++)
        {
            while (true)
            {
                try
                {
                    producer.Produce("e2e", message, report);
                    break;
                }
                catch (Confluent.Kafka.ProduceException<Confluent.Kafka.Null, byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(1));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(5));
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} messages failed.");
        }
    }

    private static async Task ConfluentWindowedAsync(string bootstrap, Security security, string codec, byte[] value, int messages)
    {
        using var producer = new ProducerBuilder<Confluent.Kafka.Null, byte[]>(TheirOptions(bootstrap, security, codec)).Build();
        var message = new Confluent.Kafka.Message<Confluent.Kafka.Null, byte[]> { Value = value };
        const int Window = 10_000;
        var window = new Task<Confluent.Kafka.DeliveryResult<Confluent.Kafka.Null, byte[]>>[Window];
        for (int start = 0; start < messages; start += Window)
        {
            int count = Math.Min(Window, messages - start);
            for (int i = 0; i < count; i++)
            {
                window[i] = producer.ProduceAsync("e2e", message);
            }

            await Task.WhenAll(window.AsSpan(0, count).ToArray());
        }
    }
}
