using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>
/// `e2e produce --transactional [--transaction-size N]`: each client sends the same N messages with the
/// <c>Produce</c> + callback API in transactions of <c>--transaction-size</c> messages (default 1,000): begin, the
/// transaction's produces, commit (which flushes), and again. The producer is created and
/// <c>InitTransactions</c> is called before the clock starts (timed separately and printed); the producer is
/// disposed after it stops. Every produce and every commit is inside the measured section.
/// Confluent.Kafka runs twice: as configured elsewhere in the runner (its background thread polls for delivery
/// reports), and with <c>dotnet.producer.enable.background.poll=false</c>. librdkafka's <c>commit_transaction</c>
/// flushes with <c>rd_kafka_flush</c>, which polls the delivery-report queue in slices of up to 10 ms; when
/// Confluent.Kafka's poll thread takes the reports instead, the committing thread sleeps out its slice, about
/// 10 ms per commit. Without the background thread the commit serves the reports itself and returns when the last
/// one is in. The ratio against ours uses the faster of the two.
/// </summary>
internal static class TransactionalProduce
{
    private static int s_sequence;

    /// <summary>A transactional id no earlier producer of this broker used: one per producer, fresh each run.</summary>
    private static string FreshId(string client) =>
        $"bench-{client}-{Environment.ProcessId}-{Interlocked.Increment(ref s_sequence)}";

    /// <summary>One measured transactional run of ours: the producer is set up first, then the transactions are timed.</summary>
    public static async Task<(Measurement Result, double InitMs)> OursAsync(string name, ProducerOptions options, byte[] value, int messages, int transactionSize, AllocationSampler? sampler)
    {
        options.TransactionalId = FreshId("ours");
        await using var producer = new KafkaProducer<Kafka.Client.Null, byte[]>(options);
        var init = Stopwatch.StartNew();
        await producer.InitTransactionsAsync();
        init.Stop();
        Measurement result = await Measurement.RunAsync(name, messages, () => OursTransactionsAsync(producer, value, messages, transactionSize), sampler);
        return (result, init.Elapsed.TotalMilliseconds);
    }

    /// <summary>One measured transactional run of Confluent.Kafka's, set up and timed as <see cref="OursAsync"/>.</summary>
    public static async Task<(Measurement Result, double InitMs)> ConfluentAsync(string name, ProducerConfig config, byte[] value, int messages, int transactionSize, bool backgroundPoll = true)
    {
        config.TransactionalId = FreshId("confluent");
        config.EnableBackgroundPoll = backgroundPoll;
        using var producer = new ProducerBuilder<Confluent.Kafka.Null, byte[]>(config).Build();
        var init = Stopwatch.StartNew();
        producer.InitTransactions(TimeSpan.FromMinutes(1));
        init.Stop();
        Measurement result = await Measurement.RunAsync(name, messages, () => { ConfluentTransactions(producer, value, messages, transactionSize); return Task.CompletedTask; });
        return (result, init.Elapsed.TotalMilliseconds);
    }

    private static async Task OursTransactionsAsync(KafkaProducer<Kafka.Client.Null, byte[]> producer, byte[] value, int messages, int transactionSize)
    {
        var message = new Kafka.Client.Message<Kafka.Client.Null, byte[]> { Value = value };
        int failed = 0;
        Action<Kafka.Client.DeliveryReport<Kafka.Client.Null, byte[]>> report = r => { if (r.Error is not null) { Interlocked.Increment(ref failed); } };
        for (int start = 0; start < messages; start += transactionSize)
        {
            int count = Math.Min(transactionSize, messages - start);
            producer.BeginTransaction();
            for (int i = 0; i < count; i++)
            {
                producer.Produce("e2e", message, report);
            }

            await producer.CommitTransactionAsync();
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} messages failed.");
        }
    }

    private static void ConfluentTransactions(IProducer<Confluent.Kafka.Null, byte[]> producer, byte[] value, int messages, int transactionSize)
    {
        var message = new Confluent.Kafka.Message<Confluent.Kafka.Null, byte[]> { Value = value };
        int failed = 0;
        Action<Confluent.Kafka.DeliveryReport<Confluent.Kafka.Null, byte[]>> report = r => { if (r.Error.IsError) { Interlocked.Increment(ref failed); } };
        for (int start = 0; start < messages; start += transactionSize)
        {
            int count = Math.Min(transactionSize, messages - start);
            producer.BeginTransaction();
            for (int i = 0; i < count; i++)
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

            // librdkafka's commit_transaction flushes the transaction's messages (linger.ms ignored) before EndTxn.
            producer.CommitTransaction(TimeSpan.FromMinutes(1));
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} messages failed.");
        }
    }

    /// <summary>
/// The per-codec summary: each client's transactional and idempotent rates, their ratio, and ours / Confluent
/// transactional (<c>txn_ratio</c> against Confluent's faster transactional run, <c>txn_ratio_default</c> against
/// its run with the background poll thread, as the idempotent runs use).
/// </summary>
    public static void PrintSummary(IReadOnlyList<Measurement> results, IReadOnlyDictionary<string, double> initMs, int brokers, string security, int transactionSize)
    {
        foreach (string codec in (string[])["none", "lz4"])
        {
            Measurement oursTxn = results.First(r => r.Name == $"ours txn callback {codec}");
            Measurement oursIdem = results.First(r => r.Name == $"ours callback {codec}");
            Measurement theirBg = results.First(r => r.Name == $"confluent txn callback {codec}");
            Measurement theirNoBg = results.First(r => r.Name == $"confluent txn no-bg-poll {codec}");
            Measurement theirTxn = theirNoBg.MessagesPerSecond > theirBg.MessagesPerSecond ? theirNoBg : theirBg;
            Measurement theirIdem = results.First(r => r.Name == $"confluent callback {codec}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"produce-transactional codec={codec} brokers={brokers} security={security} transaction_size={transactionSize}" +
                $" ours_txn_msgs_s={oursTxn.MessagesPerSecond:F0} ours_idem_msgs_s={oursIdem.MessagesPerSecond:F0} ours_txn_over_idem={oursTxn.MessagesPerSecond / oursIdem.MessagesPerSecond:F2}" +
                $" confluent_txn_msgs_s={theirBg.MessagesPerSecond:F0} confluent_txn_no_bg_poll_msgs_s={theirNoBg.MessagesPerSecond:F0} confluent_idem_msgs_s={theirIdem.MessagesPerSecond:F0}" +
                $" confluent_txn_over_idem={theirBg.MessagesPerSecond / theirIdem.MessagesPerSecond:F2} confluent_txn_no_bg_poll_over_idem={theirNoBg.MessagesPerSecond / theirIdem.MessagesPerSecond:F2}" +
                $" txn_ratio={oursTxn.MessagesPerSecond / theirTxn.MessagesPerSecond:F2} txn_ratio_against={(theirTxn == theirNoBg ? "no-bg-poll" : "background-poll")}" +
                $" txn_ratio_default={oursTxn.MessagesPerSecond / theirBg.MessagesPerSecond:F2} txn_cpu_ratio={oursTxn.CpuNsPerMessage / theirTxn.CpuNsPerMessage:F2}" +
                $" ours_init_ms={initMs[oursTxn.Name]:F1} confluent_init_ms={initMs[theirBg.Name]:F1}"));
        }
    }
}
