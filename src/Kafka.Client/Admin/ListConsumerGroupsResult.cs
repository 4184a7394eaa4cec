namespace Kafka.Client;

/// <summary>The consumer groups of the cluster, and the brokers that could not say which groups they coordinate.</summary>
/// <param name="Valid">The groups the brokers listed.</param>
/// <param name="Errors">One error per broker that could not be asked; when not empty, <paramref name="Valid"/> may miss groups.</param>
public sealed record ListConsumerGroupsResult(IReadOnlyList<ConsumerGroupListing> Valid, IReadOnlyList<KafkaException> Errors);
