namespace Kafka.Client;

/// <summary>Special offsets, with the values Kafka and Confluent.Kafka use.</summary>
public static class Offset
{
    /// <summary>The first offset still in the partition.</summary>
    public const long Beginning = -2;

    /// <summary>The offset the next message will get.</summary>
    public const long End = -1;

    /// <summary>The committed offset, or the reset policy when there is none.</summary>
    public const long Stored = -1000;

    /// <summary>No offset.</summary>
    public const long Unset = -1001;
}
