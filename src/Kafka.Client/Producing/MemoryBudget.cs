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
        TaskCompletionSource? room = TakeOrQueue(bytes);
        return room is null ? ValueTask.CompletedTask : new ValueTask(WaitAsync(room, bytes, maxBlock, cancellationToken));
    }

    /// <summary>
    /// Takes <paramref name="bytes"/>, blocking the calling thread for room up to <paramref name="maxBlock"/> (the
    /// synchronous <c>Produce</c>, like the Java client's <c>send()</c>). The wait is a plain blocking wait, woken
    /// by <see cref="Release"/> itself: it needs no thread-pool thread to resume.
    /// </summary>
    /// <exception cref="KafkaException">No room within <paramref name="maxBlock"/>, or the record can never fit.</exception>
    public void Reserve(long bytes, TimeSpan maxBlock)
    {
        TaskCompletionSource? room = TakeOrQueue(bytes);
        if (room is null || room.Task.Wait(maxBlock))
        {
            return;
        }

        if (!GiveUp(room, bytes))
        {
            throw TimedOut(bytes, maxBlock, null);
        }
    }

    /// <summary>Takes the bytes now (null), or queues a waiter that <see cref="Release"/> completes in order.</summary>
    private TaskCompletionSource? TakeOrQueue(long bytes)
    {
        if (bytes > Capacity)
        {
            throw new KafkaException(ErrorCode.RecordListTooLarge, $"The message is {bytes} bytes when serialized, larger than buffer.memory ({Capacity}).");
        }

        lock (_sync)
        {
            if (_waiters.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return null;
            }

            // Completed inline by Release: a synchronous Wait wakes at once; awaiting continuations run on the pool.
            var room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((bytes, room));
            return room;
        }
    }

    /// <summary>Withdraws a waiter that stopped waiting; true when the room was granted meanwhile (and is kept).</summary>
    private bool GiveUp(TaskCompletionSource room, long bytes)
    {
        lock (_sync)
        {
            if (room.Task.IsCompletedSuccessfully)
            {
                return true;
            }

            room.TrySetCanceled(CancellationToken.None);
            return false;
        }
    }

    private KafkaException TimedOut(long bytes, TimeSpan maxBlock, Exception? inner) => new(ErrorCode.RequestTimedOut,
        $"Failed to allocate {bytes} bytes within max.block.ms ({maxBlock.TotalMilliseconds:F0} ms): buffer.memory ({Capacity} bytes) is full because records are produced faster than they can be sent.", innerException: inner);

    private async Task WaitAsync(TaskCompletionSource room, long bytes, TimeSpan maxBlock, CancellationToken cancellationToken)
    {
        try
        {
            await room.Task.WaitAsync(maxBlock, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            if (GiveUp(room, bytes))
            {
                // Granted just as the wait ended: the caller does not take it, so give it back.
                Release(bytes);
            }

            if (e is OperationCanceledException)
            {
                throw;
            }

            throw TimedOut(bytes, maxBlock, e);
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
