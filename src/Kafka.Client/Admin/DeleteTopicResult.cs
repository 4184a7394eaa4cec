using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>The outcome of deleting one topic.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="TopicId">The id of the deleted topic when the broker reports it; zero otherwise.</param>
/// <param name="Error">Why the topic was not deleted (e.g. <see cref="ErrorCode.UnknownTopicOrPartition"/>), or null.</param>
public sealed record DeleteTopicResult(string Topic, KafkaUuid TopicId, KafkaException? Error)
    : AdminResult(Error);
