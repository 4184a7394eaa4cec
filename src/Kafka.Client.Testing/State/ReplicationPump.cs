using System.Threading.Channels;

namespace Kafka.Client.Testing.State;

/// <summary>
/// The followers' fetchers, in one background loop: after the leader appends, live followers copy up to the
/// leader's log end, rejoin the ISR, and the high watermark moves. Data the leader has but the followers do not
/// yet is above the high watermark, invisible to consumers, exactly as in Kafka.
/// </summary>
internal sealed class ReplicationPump : IDisposable
{
    private readonly ClusterState _cluster;
    private readonly Channel<PartitionState> _pending = Channel.CreateUnbounded<PartitionState>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ReplicationPump(ClusterState cluster)
    {
        _cluster = cluster;
        _loop = Task.Run(RunAsync);
    }

    public void Schedule(PartitionState partition) => _pending.Writer.TryWrite(partition);

    private async Task RunAsync()
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (_pending.Reader.TryRead(out PartitionState? partition))
                {
                    try
                    {
                        Replicate(partition);
                    }
                    catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or UnauthorizedAccessException)
                    {
                        // One partition's storage failure must not stop replication of the others.
                        _ = e;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Replicate(PartitionState partition)
    {
        lock (_cluster.Sync)
        {
            lock (partition.Sync)
            {
                if (partition.Leader < 0)
                {
                    return;
                }

                bool preferredRejoined = false;
                foreach (int replica in partition.Replicas)
                {
                    if (replica != partition.Leader && _cluster.IsAlive(replica) && partition.CatchUpLocked(replica))
                    {
                        preferredRejoined |= replica == partition.Replicas[0];
                    }
                }

                // Leadership goes back only when the preferred replica returns to the ISR, so a leader moved on
                // purpose (MoveLeaderAsync) stays where it was moved.
                if (preferredRejoined)
                {
                    _cluster.ElectPreferredLeaderLocked(partition);
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _pending.Writer.TryComplete();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }
}
