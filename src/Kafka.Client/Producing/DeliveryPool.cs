namespace Kafka.Client.Producing;

/// <summary>The producer's reusable <see cref="AwaitedDelivery{TKey, TValue}"/> sources (bounded).</summary>
internal sealed class DeliveryPool<TKey, TValue>
{
    private const int Capacity = 65_536;

    private readonly Lock _sync = new();
    private readonly Stack<AwaitedDelivery<TKey, TValue>> _free = new();

    public AwaitedDelivery<TKey, TValue> Rent()
    {
        lock (_sync)
        {
            if (_free.TryPop(out AwaitedDelivery<TKey, TValue>? source))
            {
                return source;
            }
        }

        return new AwaitedDelivery<TKey, TValue>(this);
    }

    public void Return(AwaitedDelivery<TKey, TValue> source)
    {
        lock (_sync)
        {
            if (_free.Count < Capacity)
            {
                _free.Push(source);
            }
        }
    }
}
