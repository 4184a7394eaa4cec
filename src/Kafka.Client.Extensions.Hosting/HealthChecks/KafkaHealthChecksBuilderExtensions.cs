using Kafka.Client.Configuration;
using Kafka.Client.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

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
    /// <returns><paramref name="builder"/>.</returns>
    public static IHealthChecksBuilder AddKafka(this IHealthChecksBuilder builder) => Add(builder, null, null);

    /// <summary>Adds the checks of <see cref="AddKafka(IHealthChecksBuilder)"/> with the thresholds and tags <paramref name="configure"/> sets.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the thresholds and tags.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHealthChecksBuilder AddKafka(this IHealthChecksBuilder builder, Action<KafkaHealthCheckOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(builder, null, configure);
    }

    /// <summary>
    /// Adds the checks of <see cref="AddKafka(IHealthChecksBuilder)"/> with their
    /// <see cref="KafkaHealthCheckOptions"/> read from <paramref name="configuration"/> by option name
    /// (<c>{ "MaxLag": 5000, "MaxUnassigned": "00:02:00", "ConsumerTags": ["live"] }</c>).
    /// </summary>
    /// <remarks>An unknown key or a bad value fails the host's start naming its configuration path.</remarks>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("Kafka:Health")</c>.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHealthChecksBuilder AddKafka(this IHealthChecksBuilder builder, IConfiguration configuration) =>
        AddKafka(builder, configuration, _ => { });

    /// <summary>
    /// Adds the checks with their <see cref="KafkaHealthCheckOptions"/> read from <paramref name="configuration"/>
    /// (see <see cref="AddKafka(IHealthChecksBuilder, IConfiguration)"/>), then set by <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configuration">The section.</param>
    /// <param name="configure">Sets options over the configuration.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHealthChecksBuilder AddKafka(this IHealthChecksBuilder builder, IConfiguration configuration, Action<KafkaHealthCheckOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        return Add(builder, configuration, configure);
    }

    private static IHealthChecksBuilder Add(IHealthChecksBuilder builder, IConfiguration? configuration, Action<KafkaHealthCheckOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var setup = new HealthOptionsSetup(configuration);
        builder.Services.AddSingleton<IConfigureOptions<KafkaHealthCheckOptions>>(setup);
        builder.Services.AddSingleton<IValidateOptions<KafkaHealthCheckOptions>>(setup);
        OptionsBuilder<KafkaHealthCheckOptions> options = builder.Services.AddOptions<KafkaHealthCheckOptions>(HealthOptionsSetup.Name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();

        // The tags are the registrations' own, so they are read now; a bad key is reported when the host starts.
        var tags = new KafkaHealthCheckOptions();
        if (configuration is not null)
        {
            HealthOptionsSetup.Read(configuration, tags);
        }

        configure?.Invoke(tags);
        builder.Add(new HealthCheckRegistration("kafka", sp => new KafkaBrokerHealthCheck(sp, Options(sp)), HealthStatus.Unhealthy, tags.BrokerTags));
        builder.Add(new HealthCheckRegistration("kafka-consumers", sp => new KafkaConsumerHealthCheck(sp, Options(sp)), HealthStatus.Unhealthy, tags.ConsumerTags));
        return builder;
    }

    private static KafkaHealthCheckOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<KafkaHealthCheckOptions>>().Get(HealthOptionsSetup.Name);
}
