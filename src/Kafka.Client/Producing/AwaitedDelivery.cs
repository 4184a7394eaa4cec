using System.Threading.Tasks.Sources;

namespace Kafka.Client.Producing;

/// <summary>
/// A caller awaiting <c>ProduceAsync</c>: a pooled value-task source, so the only allocation per message is the
/// <see cref="DeliveryResult{TKey, TValue}"/> itself. A source completed by the delivery goes back to the pool
/// when the caller reads its result; one completed by the caller's cancellation is abandoned to the garbage
/// collector, because its batch may still report to it later.
/// </summary>
internal sealed class AwaitedDelivery<TKey, TValue> : IDeliveryTarget, IValueTaskSource<DeliveryResult<TKey, TValue>>
{
    private const int Waiting = 0;
    private const int Answered = 1;
    private const int Cancelled = 2;

    private readonly DeliveryPool<TKey, TValue> _pool;
    private ManualResetValueTaskSourceCore<DeliveryResult<TKey, TValue>> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _registration;
    private int _state;

    public AwaitedDelivery(DeliveryPool<TKey, TValue> pool) => _pool = pool;

    /// <summary>Starts a new wait: registers the caller's token and returns the task the caller awaits.</summary>
    public ValueTask<DeliveryResult<TKey, TValue>> Start(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static (state, token) => ((AwaitedDelivery<TKey, TValue>)state!).Cancel(token), this);
        }

        return new ValueTask<DeliveryResult<TKey, TValue>>(this, _core.Version);
    }

    public void Delivered(object? message, object? state, in RecordMetadata metadata)
    {
        if (TryAnswer())
        {
            _core.SetResult(new DeliveryResult<TKey, TValue>
            {
                Topic = metadata.TopicPartition.Topic,
                Partition = metadata.TopicPartition.Partition,
                Offset = metadata.Offset,
                Message = (Message<TKey, TValue>)message!,
                Status = metadata.Status,
                Timestamp = metadata.MessageTimestamp,
            });
        }
    }

    public void Failed(object? message, object? state, string topic, KafkaException error)
    {
        if (TryAnswer())
        {
            _core.SetException(new ProduceException<TKey, TValue>(error, new DeliveryResult<TKey, TValue>
            {
                Topic = topic,
                Partition = error.TopicPartition?.Partition ?? -1,
                Message = (Message<TKey, TValue>)message!,
                Status = DeliveryStatus.Of(error),
            }));
        }
    }

    public void Rejected(object? message, object? state, string topic, Exception error)
    {
        if (TryAnswer())
        {
            _core.SetException(error);
        }
    }

    private bool TryAnswer()
    {
        if (Interlocked.CompareExchange(ref _state, Answered, Waiting) != Waiting)
        {
            return false;
        }

        _registration.Unregister();
        return true;
    }

    private void Cancel(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
        {
            _core.SetException(new OperationCanceledException(token));
        }
    }

    /// <summary>The message was refused before it was queued (it threw synchronously): the source is unused.</summary>
    public void Abandon()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
        {
            _registration.Unregister();
        }
    }

    public DeliveryResult<TKey, TValue> GetResult(short token)
    {
        bool recycle = Volatile.Read(ref _state) == Answered;
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            if (recycle)
            {
                _registration = default;
                _core.Reset();
                Volatile.Write(ref _state, Waiting);
                _pool.Return(this);
            }
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
