using System.Buffers;

namespace Kafka.Client.Producing;

/// <summary>A growable list of <see cref="DeliveryEntry"/> in pooled arrays: one per open batch, handed to the batch when it closes.</summary>
internal sealed class DeliveryEntries
{
    private DeliveryEntry[] _items;

    public DeliveryEntries(int capacity) => _items = ArrayPool<DeliveryEntry>.Shared.Rent(Math.Max(16, capacity));

    public int Count { get; private set; }

    public ReadOnlySpan<DeliveryEntry> Span => _items.AsSpan(0, Count);

    public void Add(in DeliveryEntry entry)
    {
        if (Count == _items.Length)
        {
            DeliveryEntry[] larger = ArrayPool<DeliveryEntry>.Shared.Rent(_items.Length * 2);
            Span.CopyTo(larger);
            Return(_items, Count);
            _items = larger;
        }

        _items[Count++] = entry;
    }

    /// <summary>Gives the entries back to the pool (cleared, so messages are not kept alive); the list is empty after.</summary>
    public void Release()
    {
        Return(_items, Count);
        _items = [];
        Count = 0;
    }

    private static void Return(DeliveryEntry[] items, int count)
    {
        if (items.Length == 0)
        {
            return;
        }

        Array.Clear(items, 0, count);
        ArrayPool<DeliveryEntry>.Shared.Return(items);
    }
}
