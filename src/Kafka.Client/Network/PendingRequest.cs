using Kafka.Client.Protocol;

namespace Kafka.Client.Network;

/// <summary>A request sent on a connection and waiting for its response.</summary>
internal sealed class PendingRequest(ApiKey api, short version) : TaskCompletionSource<IKafkaResponse>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public ApiKey Api { get; } = api;

    public short Version { get; } = version;

    public long SentAt { get; set; }

    /// <summary>How long the response may take, in milliseconds, before the connection is closed.</summary>
    public long TimeoutMs { get; set; }

    public CancellationTokenRegistration Cancellation { get; set; }
}
