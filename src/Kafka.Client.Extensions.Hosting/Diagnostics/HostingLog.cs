using Microsoft.Extensions.Logging;

namespace Kafka.Client.Diagnostics;

/// <summary>The hosted consumer's log messages, with stable event ids.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1, LogLevel.Information, "Hosted consumer {Handler} subscribed to {Topics}")]
    public static partial void Started(ILogger logger, string handler, string topics);

    [LoggerMessage(2, LogLevel.Warning, "Handler {Handler} failed on {Position} after its retries; skipped")]
    public static partial void Skipped(ILogger logger, Exception error, string handler, string position);

    [LoggerMessage(3, LogLevel.Warning, "Handler {Handler} failed on {Position} after its retries; sent to dead-letter topic {Topic}")]
    public static partial void DeadLettered(ILogger logger, Exception error, string handler, string position, string topic);

    [LoggerMessage(4, LogLevel.Error, "Handler {Handler} failed on {Position} after its retries; the consumer stops")]
    public static partial void Stopping(ILogger logger, Exception error, string handler, string position);

    [LoggerMessage(5, LogLevel.Information, "Hosted consumer {Handler} stopped: offsets committed, group left")]
    public static partial void Stopped(ILogger logger, string handler);

    [LoggerMessage(6, LogLevel.Warning, "Hosted consumer {Handler} stopped waiting for its handler on {Position} to leave time to commit and close; that record is not committed")]
    public static partial void Abandoned(ILogger logger, string handler, string position);

    [LoggerMessage(7, LogLevel.Warning, "Hosted consumer {Handler} could not commit and leave its group within the host's shutdown timeout")]
    public static partial void CloseTimedOut(ILogger logger, string handler);

    [LoggerMessage(8, LogLevel.Warning, "Hosted consumer {Handler} could not deserialize {Position}; skipped")]
    public static partial void SkippedUnreadable(ILogger logger, Exception error, string handler, string position);

    [LoggerMessage(9, LogLevel.Warning, "Hosted consumer {Handler} could not deserialize {Position}; its raw bytes sent to dead-letter topic {Topic}")]
    public static partial void DeadLetteredUnreadable(ILogger logger, Exception error, string handler, string position, string topic);

    [LoggerMessage(10, LogLevel.Error, "Hosted consumer {Handler} could not deserialize {Position}; the consumer stops")]
    public static partial void StoppingUnreadable(ILogger logger, Exception error, string handler, string position);

    [LoggerMessage(11, LogLevel.Warning, "Hosted consumer {Handler} could not commit what it handled before stopping; those records will be handled again")]
    public static partial void FinalCommitFailed(ILogger logger, Exception error, string handler);

    [LoggerMessage(12, LogLevel.Warning, "Hosted consumer {Handler} could not commit what it handled in partitions being revoked; their next owner handles those records again")]
    public static partial void RevokedCommitFailed(ILogger logger, Exception error, string handler);
}
