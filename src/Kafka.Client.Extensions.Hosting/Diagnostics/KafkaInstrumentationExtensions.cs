using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Kafka.Client;

/// <summary>Adds the client's spans and metrics to OpenTelemetry.</summary>
public static class KafkaInstrumentationExtensions
{
    /// <summary>The client's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> name.</summary>
    public const string ClientSourceName = "Kafka.Client";

    /// <summary>The hosted consumers' <see cref="System.Diagnostics.ActivitySource"/> name ("process" spans).</summary>
    public const string HostingSourceName = Diagnostics.HostingTelemetry.Name;

    /// <summary>
    /// Records the producer's "send" spans and the hosted consumers' "process" spans (a child of, and linked to, the
    /// send span whose <c>traceparent</c> the record carries).
    /// </summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static TracerProviderBuilder AddKafkaClientInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(ClientSourceName, HostingSourceName);
    }

    /// <summary>Records the client's metrics (<c>messaging.client.sent.messages</c>, <c>kafka.producer.*</c>).</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static MeterProviderBuilder AddKafkaClientInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(ClientSourceName);
    }
}
