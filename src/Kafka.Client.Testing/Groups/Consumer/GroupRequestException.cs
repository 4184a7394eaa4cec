using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>A request the consumer group coordinator refuses, with Kafka's error code and message (its <c>ApiException</c>s).</summary>
internal sealed class GroupRequestException(ErrorCode error, string message) : Exception(message)
{
    public ErrorCode Error { get; } = error;
}
