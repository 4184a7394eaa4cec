using Kafka.Client.Protocol;

namespace Kafka.Client.Producing;

/// <summary>
/// <c>buffer.memory</c>: the bytes of records the producer may hold. Callers wait (asynchronously, in order)
/// for room up to <c>max.block.ms</c>, then fail.
/// </summary>
internal sealed class MemoryBudget(long capacity)
{
    private readonly Lock _sync = new();
    private readonly Queue<(long Bytes, TaskCompletionSource Room)> _waiters = new();
    private long _available = capacity;

    public long Capacity { get; } = capacity;

    public long Available
    {
        get
        {
            lock (_sync)
            {
                return _available;
            }
        }
    }

    /// <summary>Takes <paramref name="bytes"/> when there is room now and nobody is waiting.</summary>
    public bool TryReserve(long bytes)
    {
        lock (_sync)
        {
            if (_waiters.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return true;
            }

            return false;
        }
    }

    /// <summary>Takes <paramref name="bytes"/>, waiting for room up to <paramref name="maxBlock"/>.</summary>
    /// <exception cref="KafkaException">No room within <paramref name="maxBlock"/>, or the record can never fit.</exception>
    public ValueTask ReserveAsync(long bytes, TimeSpan maxBlock, CancellationToken cancellationToken)
    {
        if (bytes > Capacity)
        {
            throw new KafkaException(ErrorCode.RecordListTooLarge, $"The message is {bytes} bytes when serialized, larger than buffer.memory ({Capacity}).");
        }

        TaskCompletionSource room;
        lock (_sync)
        {
            if (_waiters.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return ValueTask.CompletedTask;
            }

            room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((bytes, room));
        }

        return new ValueTask(WaitAsync(room, bytes, maxBlock, cancellationToken));
    }

    /// <summary>
    /// Takes <paramref name="bytes"/>, blocking the calling thread for room up to <paramref name="maxBlock"/> (the
    /// synchronous <c>Produce</c>, like the Java client's <c>send()</c>).
    /// </summary>
    /// <exception cref="KafkaException">No room within <paramref name="maxBlock"/>, or the record can never fit.</exception>
    public void Reserve(long bytes, TimeSpan maxBlock)
    {
        ValueTask reserved = ReserveAsync(bytes, maxBlock, CancellationToken.None);
        if (reserved.IsCompletedSuccessfully)
        {
            return;
        }

        reserved.AsTask().GetAwaiter().GetResult();
    }

    private async Task WaitAsync(TaskCompletionSource room, long bytes, TimeSpan maxBlock, CancellationToken cancellationToken)
    {
        try
        {
            await room.Task.WaitAsync(maxBlock, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            bool granted;
            lock (_sync)
            {
                granted = room.Task.IsCompletedSuccessfully;
                if (!granted)
                {
                    room.TrySetCanceled(CancellationToken.None);
                }
            }

            if (granted)
            {
                Release(bytes);
            }

            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new KafkaException(ErrorCode.RequestTimedOut,
                $"Failed to allocate {bytes} bytes within max.block.ms ({maxBlock.TotalMilliseconds:F0} ms): buffer.memory ({Capacity} bytes) is full because records are produced faster than they can be sent.", innerException: e);
        }
    }

    public void Release(long bytes)
    {
        lock (_sync)
        {
            _available += bytes;
            while (_waiters.TryPeek(out var next))
            {
                if (next.Room.Task.IsCompleted)
                {
                    _waiters.Dequeue();
                    continue;
                }

                if (_available < next.Bytes)
                {
                    break;
                }

                _waiters.Dequeue();
                _available -= next.Bytes;
                next.Room.TrySetResult();
            }
        }
    }
}
