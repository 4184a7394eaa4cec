using System.Collections.Concurrent;
using System.Threading.Channels;
using Kafka.Client.Cluster;
using Kafka.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Consuming;

/// <summary>
/// Fetches in the background: one loop per broker leading assigned partitions, each keeping one Fetch request (with
/// its incremental session) in flight, while the buffer of fetched, unread records stays under its byte bound. A
/// dispatcher finds positions for partitions that need one and starts broker loops as leaders appear.
/// </summary>
internal sealed partial class Fetcher : IAsyncDisposable
{
    private readonly KafkaCluster _cluster;
    private readonly SubscriptionState _subscriptions;
    private readonly FetcherSettings _settings;
    private readonly PositionResolver _positions;
    private readonly ILogger _logger;
    private readonly Channel<FetchedPartition> _ready = Channel.CreateUnbounded<FetchedPartition>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<int, Task> _brokerLoops = new();
    private readonly AsyncSignal _drained = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _dispatcher;
    private long _bufferedBytes;

    public Fetcher(KafkaCluster cluster, SubscriptionState subscriptions, FetcherSettings settings, PositionResolver positions, ILogger logger)
    {
        _cluster = cluster;
        _subscriptions = subscriptions;
        _settings = settings;
        _positions = positions;
        _logger = logger;
        _dispatcher = DispatchAsync(_stopping.Token);
    }

    /// <summary>Fetched records, in fetch order per partition.</summary>
    public ChannelReader<FetchedPartition> Ready => _ready.Reader;

    /// <summary>The bytes fetched and not yet released by the consume loop.</summary>
    public long BufferedBytes => Interlocked.Read(ref _bufferedBytes);

    /// <summary>The consume loop is done with <paramref name="fetched"/>: its bytes no longer count against the bound.</summary>
    public void Release(FetchedPartition fetched)
    {
        long after = Interlocked.Add(ref _bufferedBytes, -fetched.Size);
        if (after + fetched.Size >= _settings.BufferLimitBytes && after < _settings.BufferLimitBytes)
        {
            _drained.Set();
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            Task changed = _subscriptions.Changed.Next;
            try
            {
                await _positions.ResolveAsync(_subscriptions.Partitions, cancellationToken).ConfigureAwait(false);
                foreach (PartitionState state in _subscriptions.Partitions)
                {
                    if (!state.IsFetchable)
                    {
                        continue;
                    }

                    int leader = _cluster.LeaderOf(state.TopicPartition, out _, out _);
                    if (leader >= 0)
                    {
                        _ = _brokerLoops.GetOrAdd(leader, id => FetchFromBrokerAsync(id, _stopping.Token));
                    }
                }

                await AsyncSignal.WaitAsync(changed, TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The dispatcher must outlive any failure; it logs and retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogMessages.LogPositionLookupFailed(_logger, e.Message);
                await DelayAsync(_settings.RetryBackoff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _dispatcher.ConfigureAwait(false);
        foreach (Task loop in _brokerLoops.Values)
        {
            await loop.ConfigureAwait(false);
        }

        _ready.Writer.TryComplete();
        _stopping.Dispose();
    }
}
