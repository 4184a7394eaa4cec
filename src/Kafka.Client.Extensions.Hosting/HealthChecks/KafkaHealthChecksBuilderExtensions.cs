using Kafka.Client.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kafka.Client;

/// <summary>Kafka health checks for <c>services.AddHealthChecks()</c>.</summary>
public static class KafkaHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds two checks: <c>kafka</c> (Unhealthy when no broker answers the registered <see cref="KafkaAdminClient"/>,
    /// tagged <see cref="KafkaHealthCheckOptions.BrokerTags"/>) and <c>kafka-consumers</c> (the hosted consumers: Unhealthy when
    /// one stopped on an error, Degraded for lag or no assignment, tagged <see cref="KafkaHealthCheckOptions.ConsumerTags"/>).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Thresholds and tags; null for the defaults.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHealthChecksBuilder AddKafka(this IHealthChecksBuilder builder, Action<KafkaHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new KafkaHealthCheckOptions();
        configure?.Invoke(options);
        builder.Add(new HealthCheckRegistration("kafka", sp => new KafkaBrokerHealthCheck(sp, options), HealthStatus.Unhealthy, options.BrokerTags));
        builder.Add(new HealthCheckRegistration("kafka-consumers", sp => new KafkaConsumerHealthCheck(sp, options), HealthStatus.Unhealthy, options.ConsumerTags));
        return builder;
    }
}
