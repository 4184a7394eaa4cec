using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Kafka.Client.Diagnostics;

/// <summary>
/// The client's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>Kafka.Client</c>, with names
/// and attributes from OpenTelemetry's messaging semantic conventions.
/// </summary>
internal static class KafkaTelemetry
{
    public const string Name = "Kafka.Client";

    public static readonly ActivitySource Source = new(Name, typeof(KafkaTelemetry).Assembly.GetName().Version?.ToString(3));

    public static readonly Meter Meter = new(Name, typeof(KafkaTelemetry).Assembly.GetName().Version?.ToString(3));

    public static readonly Counter<long> MessagesSent = Meter.CreateCounter<long>("messaging.client.sent.messages", "{message}", "Messages the producer got acknowledged.");

    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>("kafka.producer.sent.bytes", "By", "Record batch bytes the producer got acknowledged.");

    public static readonly Histogram<int> BatchRecords = Meter.CreateHistogram<int>("kafka.producer.batch.records", "{message}", "Records per produced batch.");

    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("kafka.producer.request.duration", "s", "Time from sending a Produce request to its answer.");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("kafka.producer.errors", "{error}", "Produce errors per partition answer, retried or not.");

    /// <summary>Starts a "send" span for one message when someone listens, and carries its context in a W3C <c>traceparent</c> header.</summary>
    public static Activity? StartSend(string topic, string clientId, ref Headers? headers)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity($"send {topic}", ActivityKind.Producer);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.operation.type", "send");
        activity.SetTag("messaging.operation.name", "send");
        activity.SetTag("messaging.destination.name", topic);
        activity.SetTag("messaging.client.id", clientId);
        headers ??= [];
        headers.Remove("traceparent");
        headers.Add("traceparent", System.Text.Encoding.ASCII.GetBytes(activity.Id ?? ""));
        if (activity.TraceStateString is { Length: > 0 } state)
        {
            headers.Remove("tracestate");
            headers.Add("tracestate", System.Text.Encoding.ASCII.GetBytes(state));
        }

        return activity;
    }
}
