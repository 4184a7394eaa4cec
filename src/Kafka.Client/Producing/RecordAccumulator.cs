using System.Collections.Concurrent;

namespace Kafka.Client.Producing;

/// <summary>
/// Every partition's queue, the wake-up signal of the sender, the count of messages not yet acknowledged, and the
/// flush generations (so <c>FlushAsync</c> waits for what was produced before it).
/// </summary>
internal sealed class RecordAccumulator(ProducerSettings settings)
{
    private readonly ConcurrentDictionary<TopicPartition, PartitionQueue> _queues = new();
    private readonly Lock _flushSync = new();
    private readonly List<FlushGeneration> _sealed = [];
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FlushGeneration _current = new();
    private long _pending;
    private bool _closed;
    private int _flushesWaiting;

    public ProducerSettings Settings { get; } = settings;

    public ICollection<PartitionQueue> Queues => _queues.Values;

    public PartitionQueue Queue(TopicPartition partition) =>
        _queues.GetOrAdd(partition, static (p, self) => self.NewQueue(p), this);

    /// <summary>The producer is closing: queues created from now on refuse appends.</summary>
    public void Close() => Volatile.Write(ref _closed, true);

    private PartitionQueue NewQueue(TopicPartition partition)
    {
        var queue = new PartitionQueue(partition, Settings);
        if (Volatile.Read(ref _closed))
        {
            queue.Shutdown();
        }

        return queue;
    }

    public PartitionQueue? TryGetQueue(TopicPartition partition) => _queues.GetValueOrDefault(partition);

    /// <summary>Messages accepted and not yet acknowledged or failed.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>True while a flush waits: open batches are sent at once.</summary>
    public bool Flushing => Volatile.Read(ref _flushesWaiting) > 0;

    public Task WakeTask => Volatile.Read(ref _wake).Task;

    /// <summary>Wakes the sender (a batch closed, a response arrived, a flush began).</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>Called by the sender before it looks for work, so a wake-up during the scan is not lost.</summary>
    public void ResetWake()
    {
        if (_wake.Task.IsCompleted)
        {
            Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    /// <summary>Counts a message accepted; returns the generation it belongs to (handed back to <see cref="Finished(FlushGeneration, int)"/>).</summary>
    public FlushGeneration Added()
    {
        Interlocked.Increment(ref _pending);
        FlushGeneration generation = Volatile.Read(ref _current);
        generation.Added();
        return generation;
    }

    public void Finished(FlushGeneration generation, int messages)
    {
        Interlocked.Add(ref _pending, -messages);
        if (generation.Finished(messages))
        {
            Drained();
        }
    }

    /// <summary>Tells the generations of <paramref name="entries"/> (in produce order, so in runs) that they are done.</summary>
    public void Finished(ReadOnlySpan<DeliveryEntry> entries)
    {
        int start = 0;
        for (int i = 1; i <= entries.Length; i++)
        {
            if (i == entries.Length || !ReferenceEquals(entries[i].Generation, entries[start].Generation))
            {
                Finished(entries[start].Generation, i - start);
                start = i;
            }
        }
    }

    /// <summary>
    /// Sends every open batch now and completes when every message produced before the call is acknowledged or
    /// failed. A message produced concurrently with the call may or may not be waited for.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        Task[] waits;
        lock (_flushSync)
        {
            FlushGeneration sealing = _current;
            Volatile.Write(ref _current, new FlushGeneration());
            if (!sealing.Seal())
            {
                _sealed.Add(sealing);
                Interlocked.Increment(ref _flushesWaiting);
            }

            _sealed.RemoveAll(static g => g.Drained!.IsCompleted);
            if (_sealed.Count == 0)
            {
                return Task.CompletedTask;
            }

            waits = [.. _sealed.Select(static g => g.Drained!)];
        }

        Wake();
        return Task.WhenAll(waits).WaitAsync(cancellationToken);
    }

    private void Drained()
    {
        lock (_flushSync)
        {
            // Sealed generations drain in any order; the sender stops hurrying once none is left.
            int waiting = _sealed.Count(static g => !g.Drained!.IsCompleted);
            Volatile.Write(ref _flushesWaiting, waiting);
        }
    }
}
