using Kafka.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkerService;

/// <summary>Produces a few orders for the worker to consume, when the sample runs on its own embedded cluster.</summary>
/// <param name="producer">The producer the container made from the <c>Kafka:Producer</c> section (and flushes on exit).</param>
/// <param name="topic">The topic.</param>
/// <param name="logger">The logger.</param>
public sealed partial class DemoOrders(KafkaProducer<string, string> producer, string topic, ILogger<DemoOrders> logger) : BackgroundService
{
    /// <summary>How many orders it produces.</summary>
    public const int Count = 20;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (int i = 0; i < Count && !stoppingToken.IsCancellationRequested; i++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = $"customer-{i % 4}", Value = $"order {i}" }, stoppingToken);
        }

        LogProduced(logger, Count);
    }

    [LoggerMessage(1, LogLevel.Information, "Produced {Count} orders")]
    private static partial void LogProduced(ILogger logger, int count);
}
