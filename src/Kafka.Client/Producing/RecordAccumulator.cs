using System.Collections.Concurrent;

namespace Kafka.Client.Producing;

/// <summary>
/// Every partition's queue, the wake-up signal of the sender, and the count of messages not yet acknowledged
/// (for <c>FlushAsync</c>).
/// </summary>
internal sealed class RecordAccumulator(ProducerSettings settings)
{
    private readonly ConcurrentDictionary<TopicPartition, PartitionQueue> _queues = new();
    private readonly Lock _flushSync = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _drained;
    private long _pending;
    private volatile bool _flushing;

    public ProducerSettings Settings { get; } = settings;

    public ICollection<PartitionQueue> Queues => _queues.Values;

    public PartitionQueue Queue(TopicPartition partition) =>
        _queues.GetOrAdd(partition, static (p, s) => new PartitionQueue(p, s), Settings);

    public PartitionQueue? TryGetQueue(TopicPartition partition) => _queues.GetValueOrDefault(partition);

    /// <summary>Messages accepted and not yet acknowledged or failed.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>True while a flush wants open batches sent at once.</summary>
    public bool Flushing => _flushing;

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

    public void Added() => Interlocked.Increment(ref _pending);

    public void Finished(int messages)
    {
        if (Interlocked.Add(ref _pending, -messages) == 0)
        {
            lock (_flushSync)
            {
                if (Interlocked.Read(ref _pending) == 0)
                {
                    _drained?.TrySetResult();
                    _drained = null;
                    _flushing = false;
                }
            }
        }
    }

    /// <summary>Sends every open batch now and completes when every message so far is acknowledged or failed.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        Task drained;
        lock (_flushSync)
        {
            if (Interlocked.Read(ref _pending) == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushing = true;
            drained = _drained.Task;
        }

        Wake();
        return drained.WaitAsync(cancellationToken);
    }
}
