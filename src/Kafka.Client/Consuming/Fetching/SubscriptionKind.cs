namespace Kafka.Client.Consuming;

/// <summary>How the consumer gets its partitions.</summary>
internal enum SubscriptionKind
{
    None,
    Topics,
    Pattern,
    Manual,
}
