namespace Kafka.Client;

/// <summary>Which offset <see cref="KafkaAdminClient.ListOffsetsAsync"/> looks up in a partition (as Java's <c>OffsetSpec</c>).</summary>
/// <param name="Timestamp">The protocol's value: -2 earliest, -1 latest, -3 max timestamp, else a Unix time in milliseconds.</param>
public readonly record struct OffsetSpec(long Timestamp)
{
    /// <summary>The first offset still in the partition (the log start offset).</summary>
    public static OffsetSpec Earliest => new(-2);

    /// <summary>The offset the next message will get (the high watermark, or the last stable offset for read_committed).</summary>
    public static OffsetSpec Latest => new(-1);

    /// <summary>The offset of the message with the largest timestamp (Kafka 3.0+).</summary>
    public static OffsetSpec MaxTimestamp => new(-3);

    /// <summary>The first offset whose timestamp is at or after <paramref name="unixTimestampMs"/>.</summary>
    public static OffsetSpec ForTimestamp(long unixTimestampMs) =>
        unixTimestampMs >= 0 ? new(unixTimestampMs) : throw new ArgumentOutOfRangeException(nameof(unixTimestampMs), unixTimestampMs, "A timestamp is at least 0.");

    /// <summary>The first offset whose timestamp is at or after <paramref name="time"/>.</summary>
    public static OffsetSpec ForTimestamp(DateTimeOffset time) => ForTimestamp(time.ToUnixTimeMilliseconds());
}
