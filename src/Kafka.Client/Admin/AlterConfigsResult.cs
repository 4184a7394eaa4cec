using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>The outcome of changing the configs of one resource.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Error">Why none of its changes were applied (e.g. <see cref="ErrorCode.InvalidConfig"/>), or null.</param>
public sealed record AlterConfigsResult(ConfigResource Resource, KafkaException? Error)
    : AdminResult(Error);
