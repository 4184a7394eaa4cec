using System.Text;

namespace Kafka.Client.Cli.Producing;

/// <summary>Sends each input line as a message, in order, and stops at the first failure.</summary>
internal sealed class ConsoleProducer(ProducerOptions options, string topic, LineMessageReader reader, bool sync)
{
    /// <summary>Messages sent but not yet acknowledged, at most: reading waits beyond that.</summary>
    private const int MaxUnacknowledged = 10_000;

    private KafkaException? _failure;

    /// <summary>Reads <paramref name="input"/> to its end and produces every line.</summary>
    /// <exception cref="ArgumentException">The producer options are invalid.</exception>
    /// <exception cref="KafkaException">A message could not be produced (the first failure).</exception>
    /// <exception cref="FormatException">A line lacks a separator the properties ask for.</exception>
    /// <exception cref="OperationCanceledException">Stopped by a signal; what was read before is still sent.</exception>
    public async Task RunAsync(TextReader input, ProgressLine? progress, CancellationToken cancellationToken)
    {
        using var window = new SemaphoreSlim(MaxUnacknowledged);
        var producer = new KafkaProducer<string?, string?>(options);
        await using (producer.ConfigureAwait(false))
        {
            long lineNumber = 0;
            while (Volatile.Read(ref _failure) is null
                && await input.ReadLineAsync(cancellationToken).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                Message<string?, string?> message = reader.Read(line, lineNumber);
                int bytes = Encoding.UTF8.GetByteCount(line) + 1;

                // The first message waits for its acknowledgement: an unreachable server or an unknown topic then
                // fails once, after max.block.ms, rather than once for every line queued behind it. Flushing sends it
                // without waiting for linger.ms.
                if (sync || lineNumber == 1)
                {
                    Task<DeliveryResult<string?, string?>> sent = producer.ProduceAsync(topic, message, cancellationToken).AsTask();
                    await producer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await sent.ConfigureAwait(false);
                    progress?.Count(bytes);
                    continue;
                }

                await window.WaitAsync(cancellationToken).ConfigureAwait(false);
                producer.Produce(topic, message, report =>
                {
                    if (report.Error is { } error)
                    {
                        Interlocked.CompareExchange(ref _failure, error, null);
                    }
                    else
                    {
                        progress?.Count(bytes);
                    }

                    window.Release();
                });
            }

            if (Volatile.Read(ref _failure) is null)
            {
                await producer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }
    }
}
