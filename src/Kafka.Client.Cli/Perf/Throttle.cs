namespace Kafka.Client.Cli.Perf;

/// <summary>
/// Holds <c>kafka perf produce</c> to about <c>--throughput</c> records a second, as Kafka's ThroughputThrottler does
/// for its tool: the record after the n-th is due n / throughput seconds after the start, and sending waits until
/// then. A negative throughput (-1) does not throttle.
/// </summary>
internal sealed class Throttle(double recordsPerSecond, long startMs)
{
    // Kafka's throttler does not sleep for less than 2 ms either (MIN_SLEEP_NS).
    private const double MinWaitMs = 2;

    /// <summary>Waits, if <paramref name="sent"/> records went out faster than the throughput allows.</summary>
    public Task WaitAsync(long sent, CancellationToken cancellationToken)
    {
        if (recordsPerSecond < 0)
        {
            return Task.CompletedTask;
        }

        double wait = startMs + (sent * 1000.0 / recordsPerSecond) - PerfClock.NowMs;
        return wait >= MinWaitMs ? Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken) : Task.CompletedTask;
    }
}
