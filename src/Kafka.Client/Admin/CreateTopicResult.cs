using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>The outcome of creating one topic.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="TopicId">The id the controller gave the topic; zero when it failed or was only validated.</param>
/// <param name="NumPartitions">The partition count it has (or would have); -1 when it failed.</param>
/// <param name="ReplicationFactor">The replication factor it has (or would have); -1 when it failed.</param>
/// <param name="Error">Why the topic was not created (e.g. <see cref="ErrorCode.TopicAlreadyExists"/>), or null.</param>
public sealed record CreateTopicResult(string Topic, KafkaUuid TopicId, int NumPartitions, short ReplicationFactor, KafkaException? Error)
    : AdminResult(Error);
