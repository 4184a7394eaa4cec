using System.Diagnostics;
using Kafka.Client;

namespace WebApi;

/// <summary>The hosted consumer's handler: bills each order the endpoint produced (here: notes it in <see cref="BilledOrders"/>).</summary>
/// <param name="billed">Where billed orders are noted.</param>
/// <param name="logger">The logger.</param>
public sealed partial class BillingHandler(BilledOrders billed, ILogger<BillingHandler> logger) : IKafkaMessageHandler<string, string>
{
    /// <inheritdoc />
    public ValueTask HandleAsync(ConsumeResult<string, string> record, CancellationToken cancellationToken)
    {
        // Activity.Current is the hosted consumer's "process" span: in the trace of the request that produced the order.
        billed.Add(new BilledOrder(record.Message.Key, record.Message.Value, record.Offset, Activity.Current?.TraceId.ToString()));
        Billed(logger, record.Message.Key, record.Message.Value, record.Offset);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "Billed {Customer} for {Item} (offset {Offset})")]
    private static partial void Billed(ILogger logger, string customer, string item, long offset);
}
