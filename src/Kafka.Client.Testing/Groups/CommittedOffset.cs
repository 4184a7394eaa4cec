namespace Kafka.Client.Testing.Groups;

/// <summary>A committed offset of one partition, as Kafka's <c>OffsetAndMetadata</c> keeps it.</summary>
/// <param name="Offset">The next offset the group will consume.</param>
/// <param name="LeaderEpoch">The leader epoch of the last consumed record, or -1.</param>
/// <param name="Metadata">The client's metadata string (may be null).</param>
/// <param name="CommitTimestampMs">When the broker stored the commit, in Unix milliseconds.</param>
internal readonly record struct CommittedOffset(long Offset, int LeaderEpoch, string? Metadata, long CommitTimestampMs);
