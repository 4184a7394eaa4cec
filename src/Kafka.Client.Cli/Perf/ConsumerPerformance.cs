using System.Globalization;
using System.Text.RegularExpressions;
using Kafka.Client.Cli.Producing;

namespace Kafka.Client.Cli.Perf;

/// <summary>
/// <c>kafka perf consume</c>'s run, as Kafka's ConsumerPerformance: subscribes, counts messages and bytes (key and
/// value) until <c>--messages</c> were read or none came for <c>--timeout</c>, and prints the figures. The time from
/// subscribing (or losing every partition) to an assignment counts as rebalance time, the rest as fetch time.
/// Kafka's tool counts whole poll batches and may pass <c>--messages</c>; this one stops at exactly that many.
/// </summary>
internal sealed class ConsumerPerformance(ConsumerOptions options, ConsumerPerfSettings settings, TextWriter output, ProgressLine? progress)
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<TopicPartition> _assigned = [];
    private long _joinStartMs;
    private long _rebalanceMs;
    private long _rebalanceMsInInterval;

    /// <summary>How many messages were read.</summary>
    public long Messages { get; private set; }

    /// <exception cref="KafkaException">Consuming failed.</exception>
    /// <exception cref="OperationCanceledException">Stopped by a signal.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!settings.HideHeader)
        {
            await output.WriteLineAsync(ConsumerPerfLines.Header(settings.ShowDetailedStats)).ConfigureAwait(false);
        }

        long bytes = 0, lastBytes = 0, lastMessages = 0;
        long startMs = Now, endMs;
        var consumer = new KafkaConsumer<byte[]?, byte[]?>(options);
        await using (consumer.ConfigureAwait(false))
        {
            _joinStartMs = startMs;
            consumer.OnPartitionsAssigned = Assigned;
            consumer.OnPartitionsRevoked = Revoked;
            if (settings.Topic is { } topic)
            {
                consumer.Subscribe(topic);
            }
            else
            {
                // Java's subscribe(Pattern) matches whole topic names.
                consumer.Subscribe(new Regex($@"\A(?:{settings.Include})\z", RegexOptions.CultureInvariant));
            }

            long now = Now, lastReportMs = now, lastConsumedMs = now;
            while (Messages < settings.Messages && now - lastConsumedMs <= settings.TimeoutMs)
            {
                ConsumeResult<byte[]?, byte[]?>? record = await consumer.ConsumeAsync(PollTimeout, cancellationToken).ConfigureAwait(false);
                now = Now;
                if (record is null)
                {
                    continue;
                }

                lastConsumedMs = now;
                int size = (record.Message.Key?.Length ?? 0) + (record.Message.Value?.Length ?? 0);
                Messages++;
                bytes += size;
                progress?.Count(size);
                if (now - lastReportMs >= settings.ReportingIntervalMs)
                {
                    if (settings.ShowDetailedStats)
                    {
                        await output.WriteLineAsync(ConsumerPerfLines.Interval(settings.DateFormat, lastReportMs, now, bytes, lastBytes, Messages, lastMessages, _rebalanceMsInInterval)).ConfigureAwait(false);
                        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }

                    _rebalanceMsInInterval = 0;
                    lastReportMs = now;
                    lastMessages = Messages;
                    lastBytes = bytes;
                }
            }

            endMs = Now;
            if (Messages < settings.Messages)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"WARNING: Exiting before consuming the expected number of messages: timeout ({settings.TimeoutMs} ms) exceeded. You can use the --timeout option to increase the timeout.")).ConfigureAwait(false);
            }
        }

        if (!settings.ShowDetailedStats)
        {
            await output.WriteLineAsync(ConsumerPerfLines.Total(settings.DateFormat, startMs, endMs, bytes, Messages, _rebalanceMs)).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    // Kafka's ConsumerPerfRebListener: the wait from having no partition to getting some is rebalance time.
    private ValueTask Assigned(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        if (_assigned.Count == 0)
        {
            long elapsed = Now - _joinStartMs;
            _rebalanceMs += elapsed;
            _rebalanceMsInInterval += elapsed;
        }

        _assigned.UnionWith(partitions);
        return ValueTask.CompletedTask;
    }

    private ValueTask Revoked(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        _assigned.ExceptWith(partitions);
        if (_assigned.Count == 0)
        {
            _joinStartMs = Now;
        }

        return ValueTask.CompletedTask;
    }
}
