using Microsoft.Extensions.Logging;

namespace Kafka.Client.Testing.Broker;

/// <summary>Every log message of the embedded broker with its event id (1–99), in one place; the README's logging section lists them.</summary>
internal static partial class LogMessages
{
    [LoggerMessage(1, LogLevel.Information, "Broker {BrokerId} listening on {Host}:{Port}")]
    public static partial void Listening(ILogger logger, int brokerId, string host, int port);

    [LoggerMessage(2, LogLevel.Information, "Broker {BrokerId} stopped")]
    public static partial void Stopped(ILogger logger, int brokerId);

    [LoggerMessage(3, LogLevel.Warning, "Broker {BrokerId} closed the connection from {Remote}: {Reason}")]
    public static partial void ClosedBadConnection(ILogger logger, int brokerId, string remote, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Broker {BrokerId} connection from {Remote} ended")]
    public static partial void ConnectionEnded(ILogger logger, int brokerId, string remote);

    [LoggerMessage(5, LogLevel.Error, "Broker {BrokerId} failed to handle {Api} v{Version} from {Remote}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, int brokerId, string api, short version, string remote);

    [LoggerMessage(6, LogLevel.Information, "Group {GroupId}: {Message}")]
    public static partial void Group(ILogger logger, string groupId, string message);

    [LoggerMessage(7, LogLevel.Information, "Topic {Topic} created with {Partitions} partitions, replication factor {ReplicationFactor}")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions, int replicationFactor);

    [LoggerMessage(8, LogLevel.Error, "Group {GroupId}: a coordinator timer failed")]
    public static partial void GroupTimerFailed(ILogger logger, Exception exception, string groupId);
}
