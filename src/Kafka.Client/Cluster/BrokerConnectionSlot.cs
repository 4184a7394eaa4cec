using Kafka.Client.Network;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Cluster;

/// <summary>
/// The one connection a client keeps to one broker: opened on demand, reopened after a failure with
/// exponential backoff and jitter (<c>reconnect.backoff.ms</c> to <c>reconnect.backoff.max.ms</c>).
/// </summary>
internal sealed class BrokerConnectionSlot(int nodeId, ClusterSettings settings, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private KafkaConnection? _connection;
    private KafkaConnection? _opening;
    private int _failures;
    private long _nextAttempt;
    private bool _disposed;

    public int NodeId { get; } = nodeId;

    public BrokerAddress Address { get; set; }

    public async Task<KafkaConnection> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            KafkaConnection? current = Volatile.Read(ref _connection);
            if (current is { IsOpen: true })
            {
                return current;
            }

            // The reconnect backoff is waited out without the lock, so disposing never waits for it.
            long wait = Volatile.Read(ref _nextAttempt) - Environment.TickCount64;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
            }

            await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
                current = _connection;
                if (current is { IsOpen: true })
                {
                    return current;
                }

                if (Volatile.Read(ref _nextAttempt) > Environment.TickCount64)
                {
                    // Another caller failed while this one waited: wait out the new backoff first.
                    continue;
                }

                if (current is not null)
                {
                    await current.DisposeAsync().ConfigureAwait(false);
                    _connection = null;
                }

                KafkaConnection opened = KafkaConnection.Create(Address, NodeId, settings.Connection, logger);
                Volatile.Write(ref _opening, opened);
                try
                {
                    if (Volatile.Read(ref _disposed))
                    {
                        // Disposed between the check above and the publication of _opening: it missed this one.
                        await opened.DisposeAsync().ConfigureAwait(false);
                    }

                    await opened.OpenAsync(cancellationToken).ConfigureAwait(false);
                    _failures = 0;
                    Volatile.Write(ref _nextAttempt, 0);
                    Volatile.Write(ref _connection, opened);
                    return opened;
                }
                catch (Exception e)
                {
                    await opened.DisposeAsync().ConfigureAwait(false);
                    if (e is KafkaException && !Volatile.Read(ref _disposed))
                    {
                        _failures++;
                        Volatile.Write(ref _nextAttempt, Environment.TickCount64 + (long)Backoff.Delay(settings.ReconnectBackoff, settings.ReconnectBackoffMax, _failures).TotalMilliseconds);
                    }

                    throw;
                }
                finally
                {
                    Volatile.Write(ref _opening, null);
                }
            }
            finally
            {
                _connecting.Release();
            }
        }
    }

    /// <summary>True when the last attempt failed and the next one waits for the reconnect backoff.</summary>
    public bool BackingOff => Volatile.Read(ref _nextAttempt) > Environment.TickCount64;

    /// <summary>The open connection, if there is one (no connecting).</summary>
    public KafkaConnection? Current => _connection is { IsOpen: true } c ? c : null;

    public async ValueTask DisposeAsync()
    {
        // A connection being opened is closed at once, so disposing does not wait for the connect timeout.
        Volatile.Write(ref _disposed, true);
        if (Volatile.Read(ref _opening) is { } opening)
        {
            await opening.DisposeAsync().ConfigureAwait(false);
        }

        await _connecting.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
        }
        finally
        {
            _connecting.Release();
        }
    }
}
