using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kafka.Client.Diagnostics;

/// <summary>
/// The hosted consumer's "process" spans (OpenTelemetry messaging conventions): a child of the producer's "send"
/// span, whose W3C <c>traceparent</c> the record carries in its headers, and linked to it, so one trace goes from
/// whatever produced (an HTTP request) to the handler that consumed.
/// </summary>
internal static class HostingTelemetry
{
    public const string Name = "Kafka.Client.Extensions.Hosting";

    public static readonly ActivitySource Source = new(Name, typeof(HostingTelemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>
    /// Starts "process TOPIC" when someone listens: for one record, a child of its send span and linked to it; for a
    /// batch, a root linked to every record's send span (as OpenTelemetry's conventions have batch processing).
    /// </summary>
    public static Activity? StartProcess<TKey, TValue>(IReadOnlyList<ConsumeResult<TKey, TValue>> records, string? groupId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ConsumeResult<TKey, TValue> record = records[0];
        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        foreach (ConsumeResult<TKey, TValue> each in records)
        {
            if (Sent(each) is { } sent)
            {
                (links ??= []).Add(new ActivityLink(sent));
            }
        }

        if (records.Count == 1 && links is [var only])
        {
            parent = only.Context;
        }

        Activity? activity = Source.StartActivity($"process {record.Topic}", ActivityKind.Consumer, parent, links: links);
        if (activity is null)
        {
            return null;
        }

        if (records.Count > 1)
        {
            activity.SetTag("messaging.batch.message_count", records.Count);
        }

        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.operation.type", "process");
        activity.SetTag("messaging.operation.name", "process");
        activity.SetTag("messaging.destination.name", record.Topic);
        activity.SetTag("messaging.destination.partition.id", record.Partition.ToString(CultureInfo.InvariantCulture));
        activity.SetTag("messaging.kafka.offset", record.Offset);
        if (groupId is not null)
        {
            activity.SetTag("messaging.consumer.group.name", groupId);
        }

        return activity;
    }

    private static ActivityContext? Sent<TKey, TValue>(ConsumeResult<TKey, TValue> record) =>
        record.Message.Headers is { } headers && headers.TryGetLastBytes("traceparent", out byte[]? traceparent) && traceparent is not null
            && ActivityContext.TryParse(Encoding.ASCII.GetString(traceparent), State(record), isRemote: true, out ActivityContext sent)
            ? sent
            : null;

    private static string? State<TKey, TValue>(ConsumeResult<TKey, TValue> record) =>
        record.Message.Headers is { } headers && headers.TryGetLastBytes("tracestate", out byte[]? state) && state is not null ? Encoding.ASCII.GetString(state) : null;
}
