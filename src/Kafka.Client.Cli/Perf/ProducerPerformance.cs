namespace Kafka.Client.Cli.Perf;

/// <summary>
/// <c>kafka perf produce</c>'s run, as Kafka's ProducerPerformance: sends the records as fast as the throttle allows,
/// counts each acknowledgement in the figures, and prints the total when every record was acknowledged. The first
/// record is awaited alone, so a wrong server or topic fails once instead of once per record; after a failure no
/// further record is sent.
/// </summary>
internal sealed class ProducerPerformance(ProducerOptions options, ProducerPerfSettings settings, Payloads payloads, TextWriter output)
{
    /// <summary>Records sent but not yet acknowledged, at most; sending waits beyond that.</summary>
    private const int MaxUnacknowledged = 100_000;

    private KafkaException? _failure;

    /// <exception cref="KafkaException">A record was not delivered (the first failure), after the figures are printed.</exception>
    /// <exception cref="OperationCanceledException">Stopped by a signal.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var window = new SemaphoreSlim(MaxUnacknowledged);
        var producer = new KafkaProducer<Null, byte[]>(options);
        ProducerStats stats;
        ProducerStats? steady = null;
        await using (producer.ConfigureAwait(false))
        {
            bool transactional = settings.TransactionDurationMs is not null;
            if (transactional)
            {
                await producer.InitTransactionsAsync(cancellationToken).ConfigureAwait(false);
            }

            if (settings.WarmupRecords > 0)
            {
                await output.WriteLineAsync($"Warmup first {settings.WarmupRecords} records. Steady state results will print after the complete test summary.").ConfigureAwait(false);
            }

            stats = new ProducerStats(settings.Records, steadyState: false, output);
            var throttle = new Throttle(settings.Throughput, PerfClock.NowMs);
            long inTransaction = 0;
            long transactionStart = 0;
            for (long i = 0; i < settings.Records && Volatile.Read(ref _failure) is null; i++)
            {
                byte[] payload = payloads.Next(i);
                if (transactional && inTransaction == 0)
                {
                    producer.BeginTransaction();
                    transactionStart = PerfClock.NowMs;
                }

                long sendStart = PerfClock.NowMs;
                if (settings.WarmupRecords > 0 && i == settings.WarmupRecords)
                {
                    steady = new ProducerStats(settings.Records - settings.WarmupRecords, steadyState: true, output);
                    stats.SuppressPrinting();
                }

                int bytes = payload.Length;
                ProducerStats? steadyNow = steady;
                var message = new Message<Null, byte[]> { Value = payload };
                if (i == 0)
                {
                    Task<DeliveryResult<Null, byte[]>> sent = producer.ProduceAsync(settings.Topic, message, cancellationToken).AsTask();
                    await producer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await sent.ConfigureAwait(false);
                    Acknowledged(stats, steadyNow, sendStart, bytes);
                }
                else
                {
                    await window.WaitAsync(cancellationToken).ConfigureAwait(false);
                    producer.Produce(settings.Topic, message, report =>
                    {
                        if (report.Error is { } error)
                        {
                            Interlocked.CompareExchange(ref _failure, error, null);
                        }
                        else
                        {
                            Acknowledged(stats, steadyNow, sendStart, bytes);
                        }

                        window.Release();
                    });
                }

                inTransaction++;
                if (transactional && settings.TransactionDurationMs <= sendStart - transactionStart)
                {
                    await producer.CommitTransactionAsync(cancellationToken).ConfigureAwait(false);
                    inTransaction = 0;
                }

                await throttle.WaitAsync(i + 1, cancellationToken).ConfigureAwait(false);
            }

            if (transactional && inTransaction != 0 && Volatile.Read(ref _failure) is null)
            {
                await producer.CommitTransactionAsync(cancellationToken).ConfigureAwait(false);
            }

            if (Volatile.Read(ref _failure) is null)
            {
                await producer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // As Kafka's tool: the figures once the producer is closed, then the steady-state ones.
        stats.PrintTotal();
        steady?.PrintTotal();
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }
    }

    private static void Acknowledged(ProducerStats stats, ProducerStats? steady, long sendStart, int bytes)
    {
        long now = PerfClock.NowMs;
        int latency = (int)(now - sendStart);
        stats.Record(latency, bytes, now);
        steady?.Record(latency, bytes, now);
    }
}
