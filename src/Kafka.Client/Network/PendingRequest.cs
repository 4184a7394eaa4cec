using Kafka.Client.Protocol;

namespace Kafka.Client.Network;

/// <summary>
/// A request queued on a connection: written in the order it was queued, then (unless it expects no response)
/// waiting for the response with its correlation id. The result is null for a request without a response.
/// </summary>
internal sealed class PendingRequest(IKafkaRequest request, short version, bool expectsResponse, long timeoutMs)
    : TaskCompletionSource<IKafkaResponse?>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private int _correlationId = -1;

    public IKafkaRequest Request { get; } = request;

    public ApiKey Api => Request.Api;

    public short Version { get; } = version;

    /// <summary>False for Produce with acks=0: the request completes once it is written.</summary>
    public bool ExpectsResponse { get; } = expectsResponse;

    /// <summary>How long the response may take, in milliseconds, before the connection is closed.</summary>
    public long TimeoutMs { get; } = timeoutMs;

    /// <summary>When the request was written (tick count).</summary>
    public long SentAt { get; set; }

    /// <summary>The correlation id, or -1 while the request waits to be written.</summary>
    public int CorrelationId
    {
        get => Volatile.Read(ref _correlationId);
        set => Volatile.Write(ref _correlationId, value);
    }
}
