using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>The outcome of adding partitions to one topic.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Error">Why no partitions were added (e.g. <see cref="ErrorCode.InvalidPartitions"/>), or null.</param>
public sealed record CreatePartitionsResult(string Topic, KafkaException? Error)
    : AdminResult(Error);
