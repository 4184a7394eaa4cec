using System.Collections.Concurrent;

namespace Kafka.Client.Consuming;

/// <summary>What a hosted consumer's health check reads: written by its consume loop, read from any thread.</summary>
internal sealed class HostedConsumerState(string name)
{
    private readonly ConcurrentDictionary<TopicPartition, long> _lag = new();
    private long _unassignedSince = Environment.TickCount64;
    private volatile Exception? _fault;
    private volatile bool _running;

    public string Name { get; } = name;

    public bool Running => _running;

    public Exception? Fault => _fault;

    public long Lag => _lag.Values.Sum();

    /// <summary>How long it has had no partition; zero while it has some.</summary>
    public TimeSpan Unassigned => Volatile.Read(ref _unassignedSince) is var since && since == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Environment.TickCount64 - since);

    public void Started() => _running = true;

    public void Stopped(Exception? fault)
    {
        _fault = fault;
        _running = false;
    }

    public void Assigned(IReadOnlyList<TopicPartition> partitions)
    {
        if (partitions.Count > 0)
        {
            Volatile.Write(ref _unassignedSince, 0);
        }
    }

    public void Revoked(IReadOnlyList<TopicPartition> partitions, IReadOnlyList<TopicPartition> left)
    {
        foreach (TopicPartition partition in partitions)
        {
            _lag.TryRemove(partition, out _);
        }

        if (left.Count == 0)
        {
            Volatile.Write(ref _unassignedSince, Environment.TickCount64);
        }
    }

    /// <summary>After a record: the high watermark last fetched less the next offset to handle.</summary>
    public void Handled(TopicPartition partition, long nextOffset, long highWatermark)
    {
        if (highWatermark >= 0)
        {
            _lag[partition] = Math.Max(0, highWatermark - nextOffset);
        }
    }
}
