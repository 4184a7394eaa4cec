using System.Collections.Concurrent;

namespace WebApi;

/// <summary>An order the billing handler consumed.</summary>
/// <param name="Customer">The record's key.</param>
/// <param name="Item">The record's value.</param>
/// <param name="Offset">The record's offset.</param>
/// <param name="TraceId">The trace the handler ran in, if traced.</param>
public sealed record BilledOrder(string Customer, string Item, long Offset, string? TraceId);

/// <summary>The orders billed so far, served by <c>GET /orders/billed</c>.</summary>
public sealed class BilledOrders
{
    private readonly ConcurrentQueue<BilledOrder> _orders = new();

    /// <summary>Notes a billed order.</summary>
    /// <param name="order">The order.</param>
    public void Add(BilledOrder order) => _orders.Enqueue(order);

    /// <summary>The billed orders, in the order they were billed.</summary>
    public IReadOnlyList<BilledOrder> All => [.. _orders];
}
