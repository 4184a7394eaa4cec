namespace Kafka.Client.Cli.Consuming;

/// <summary>
/// Writes each consumed message to the output until <c>--max-messages</c> were written, no message came for
/// <c>--timeout-ms</c>, or the token is cancelled; closing the consumer then commits what was written (with a group
/// and auto-commit) and leaves the group.
/// </summary>
internal sealed class ConsoleConsumer(ConsumerOptions options, MessageFormatter formatter, long? maxMessages, TimeSpan idleTimeout)
{
    private long _processed;

    /// <summary>How many messages were written.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Consumes <paramref name="topic"/> (all of it through the group, or one partition from an offset).</summary>
    /// <exception cref="KafkaException">Consuming failed.</exception>
    /// <exception cref="IOException">The output cannot be written (e.g. a closed pipe).</exception>
    /// <exception cref="OperationCanceledException">Stopped by a signal.</exception>
    public async Task RunAsync(string topic, TopicPartitionOffset? start, Stream output, CancellationToken cancellationToken)
    {
        var consumer = new KafkaConsumer<byte[]?, byte[]?>(options);
        await using (consumer.ConfigureAwait(false))
        {
            if (start is { } assigned)
            {
                consumer.Assign([assigned]);
            }
            else
            {
                consumer.Subscribe(topic);
            }

            try
            {
                while (maxMessages is not { } max || Processed < max)
                {
                    // What is ready is written at once; the output is flushed before waiting for more.
                    ConsumeResult<byte[]?, byte[]?>? record = await consumer.ConsumeAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                    if (record is null)
                    {
                        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                        record = await consumer.ConsumeAsync(idleTimeout, cancellationToken).ConfigureAwait(false);
                        if (record is null)
                        {
                            break;
                        }
                    }

                    formatter.Write(record, output);
                    Interlocked.Increment(ref _processed);
                }
            }
            finally
            {
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
