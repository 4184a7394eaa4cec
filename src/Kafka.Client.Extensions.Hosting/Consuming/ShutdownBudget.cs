namespace Kafka.Client.Consuming;

/// <summary>
/// A hosted consumer's share of the host's shutdown timeout: once the host stops, a handler still running when only the
/// close reserve is left is abandoned (<see cref="Abandon"/>), and committing and leaving the group get what remains
/// until the deadline (<see cref="Close"/>). Both fire at once if the host's own stop token fires first.
/// </summary>
internal sealed class ShutdownBudget : IDisposable
{
    private readonly CancellationTokenSource _abandon = new();
    private readonly CancellationTokenSource _close = new();
    private CancellationTokenRegistration _hostToken;

    /// <summary>Fires when a handler still running is left behind (its record is not committed).</summary>
    public CancellationToken Abandon => _abandon.Token;

    /// <summary>Fires at the host's shutdown deadline: the end of committing and leaving the group.</summary>
    public CancellationToken Close => _close.Token;

    /// <summary>Starts the clock when the host stops.</summary>
    /// <param name="shutdownTimeout">The host's shutdown timeout.</param>
    /// <param name="closeReserve">The time kept to commit and leave; at most half of <paramref name="shutdownTimeout"/>.</param>
    /// <param name="hostToken">The token the host passed to StopAsync.</param>
    public void Start(TimeSpan shutdownTimeout, TimeSpan closeReserve, CancellationToken hostToken)
    {
        if (shutdownTimeout != Timeout.InfiniteTimeSpan)
        {
            TimeSpan reserve = TimeSpan.FromTicks(Math.Min(closeReserve.Ticks, shutdownTimeout.Ticks / 2));
            _abandon.CancelAfter(shutdownTimeout - reserve);
            _close.CancelAfter(shutdownTimeout);
        }

        _hostToken = hostToken.Register(static state =>
        {
            var budget = (ShutdownBudget)state!;
            budget._abandon.Cancel();
            budget._close.Cancel();
        }, this);
    }

    public void Dispose()
    {
        _hostToken.Dispose();
        _abandon.Dispose();
        _close.Dispose();
    }
}
