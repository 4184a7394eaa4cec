using Kafka.Client;
using Microsoft.Extensions.Logging;

namespace WorkerService;

/// <summary>
/// Handles one order. The host runs the consumer (AddKafkaConsumerHandler): it resolves this handler in a DI scope
/// per record, commits the record's offset once this returns, and on Ctrl+C or SIGTERM commits and leaves the group,
/// so another instance takes the partitions over at once and starts where this one stopped.
/// </summary>
public sealed partial class OrderHandler(ILogger<OrderHandler> logger) : IKafkaMessageHandler<string, string>
{
    /// <inheritdoc />
    public ValueTask HandleAsync(ConsumeResult<string, string> record, CancellationToken cancellationToken)
    {
        LogProcessed(logger, record.Message.Key, record.Message.Value, record.TopicPartitionOffset.ToString());
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "Processed {Key} = {Value} from {Position}")]
    private static partial void LogProcessed(ILogger logger, string? key, string? value, string position);
}
