namespace WebApi;

/// <summary>An order as the client posts it.</summary>
/// <param name="Item">What is ordered.</param>
public sealed record OrderRequest(string Item);

/// <summary>Where the order was written.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The record's offset.</param>
public sealed record OrderAccepted(string Topic, int Partition, long Offset);
