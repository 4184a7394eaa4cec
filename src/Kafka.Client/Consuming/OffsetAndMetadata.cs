namespace Kafka.Client;

/// <summary>A committed offset (the next offset to consume), with the metadata string committed with it.</summary>
/// <param name="Offset">The offset; <see cref="Kafka.Client.Offset.Unset"/> when nothing is committed.</param>
/// <param name="Metadata">The string committed with the offset, or null.</param>
/// <param name="LeaderEpoch">The leader epoch of the last consumed record, or null when unknown.</param>
public readonly record struct OffsetAndMetadata(long Offset, string? Metadata = null, int? LeaderEpoch = null);
