namespace Kafka.Client;

/// <summary>Where a consumer starts when it has no committed offset or its offset is out of range (Kafka's <c>auto.offset.reset</c>).</summary>
public enum AutoOffsetReset
{
    /// <summary>At the end: only records produced from now on (<c>latest</c>, the default).</summary>
    Latest = 0,

    /// <summary>At the first record still in the partition (<c>earliest</c>).</summary>
    Earliest = 1,

    /// <summary>Nowhere: consuming fails with an error (<c>none</c>).</summary>
    None = 2,
}
