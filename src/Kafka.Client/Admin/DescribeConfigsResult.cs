using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>The configs of one resource, or why they could not be described.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Entries">Its configs by name; empty when it failed.</param>
/// <param name="Error">Why the configs could not be described (e.g. <see cref="ErrorCode.UnknownTopicOrPartition"/>), or null.</param>
public sealed record DescribeConfigsResult(ConfigResource Resource, IReadOnlyDictionary<string, ConfigEntry> Entries, KafkaException? Error)
    : AdminResult(Error);
