namespace Kafka.Client;

/// <summary>What a message timestamp means.</summary>
public enum TimestampType
{
    /// <summary>No timestamp.</summary>
    NotAvailable = -1,

    /// <summary>Set by the producer when it created the message.</summary>
    CreateTime = 0,

    /// <summary>Set by the broker when it appended the message.</summary>
    LogAppendTime = 1,
}

/// <summary>A message timestamp: milliseconds since the Unix epoch, and its type.</summary>
/// <param name="UnixTimestampMs">Milliseconds since 1970-01-01T00:00:00Z.</param>
/// <param name="Type">What the timestamp means.</param>
public readonly record struct Timestamp(long UnixTimestampMs, TimestampType Type)
{
    /// <summary>No timestamp: the producer uses the current time.</summary>
    public static Timestamp Default => new(0, TimestampType.NotAvailable);

    /// <summary>A create-time timestamp from a <see cref="DateTimeOffset"/>.</summary>
    public Timestamp(DateTimeOffset time)
        : this(time.ToUnixTimeMilliseconds(), TimestampType.CreateTime)
    {
    }

    /// <summary>The timestamp as a UTC <see cref="DateTime"/>.</summary>
    public DateTime UtcDateTime => DateTimeOffset.FromUnixTimeMilliseconds(UnixTimestampMs).UtcDateTime;
}
