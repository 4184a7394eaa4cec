using Kafka.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkerService;

/// <summary>
/// Consumes orders until the host stops. The consumer lives inside <see cref="ExecuteAsync"/>: when the host stops,
/// <c>stoppingToken</c> ends the <c>await foreach</c>, and disposing the consumer commits the consumed offsets and
/// leaves the group, so another instance takes the partitions over at once and starts where this one stopped.
/// </summary>
public sealed partial class OrderWorker(WorkerSettings settings, ILoggerFactory loggerFactory, ILogger<OrderWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumer = new KafkaConsumer<string, string>(new ConsumerOptions
        {
            BootstrapServers = settings.BootstrapServers,
            GroupId = settings.GroupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            LoggerFactory = loggerFactory,
        });
        await using (consumer)
        {
            consumer.OnPartitionsAssigned = (partitions, _) => Log(partitions, "Assigned");
            consumer.OnPartitionsRevoked = (partitions, _) => Log(partitions, "Revoked");
            consumer.Subscribe(settings.Topic);
            try
            {
                await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(stoppingToken))
                {
                    LogProcessed(logger, record.Message.Key, record.Message.Value, record.TopicPartitionOffset.ToString());
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                LogStopping(logger);
            }
        }

        await LogCommittedAsync();
    }

    private ValueTask Log(IReadOnlyList<TopicPartition> partitions, string what)
    {
        LogRebalance(logger, what, string.Join(", ", partitions.Select(p => p.Partition)));
        return ValueTask.CompletedTask;
    }

    /// <summary>What the group committed, read back with the admin client: where the next instance starts.</summary>
    private async Task LogCommittedAsync()
    {
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = settings.BootstrapServers, DefaultApiTimeoutMs = 5_000 });
        try
        {
            IReadOnlyList<CommittedOffsetResult> committed = await admin.ListConsumerGroupOffsetsAsync(settings.GroupId);
            LogCommitted(logger, string.Join(", ", committed.Select(c => $"{c.TopicPartition.Partition}@{c.Offset}")));
        }
        catch (KafkaException e)
        {
            LogCommitFailed(logger, e.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Processed {Key} = {Value} from {Position}")]
    private static partial void LogProcessed(ILogger logger, string? key, string? value, string position);

    [LoggerMessage(2, LogLevel.Information, "{What} partitions {Partitions}")]
    private static partial void LogRebalance(ILogger logger, string what, string partitions);

    [LoggerMessage(3, LogLevel.Information, "Stopping: committing the consumed offsets and leaving the group")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(4, LogLevel.Information, "Stopped; committed offsets by partition: {Offsets}")]
    private static partial void LogCommitted(ILogger logger, string offsets);

    [LoggerMessage(5, LogLevel.Warning, "Could not read the committed offsets: {Reason}")]
    private static partial void LogCommitFailed(ILogger logger, string reason);
}
