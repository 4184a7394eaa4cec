using Kafka.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkerService;

/// <summary>Produces a few orders for the worker to consume, when the sample runs on its own embedded cluster.</summary>
public sealed partial class DemoOrders(WorkerSettings settings, ILogger<DemoOrders> logger) : BackgroundService
{
    /// <summary>How many orders it produces.</summary>
    public const int Count = 20;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = settings.BootstrapServers });
        for (int i = 0; i < Count && !stoppingToken.IsCancellationRequested; i++)
        {
            await producer.ProduceAsync(settings.Topic, new Message<string, string> { Key = $"customer-{i % 4}", Value = $"order {i}" }, stoppingToken);
        }

        LogProduced(logger, Count);
    }

    [LoggerMessage(1, LogLevel.Information, "Produced {Count} orders")]
    private static partial void LogProduced(ILogger logger, int count);
}
