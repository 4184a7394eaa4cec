using Kafka.Client.Consuming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kafka.Client.HealthChecks;

/// <summary>
/// The hosted consumers: Unhealthy when one stopped on an error, Degraded when one's lag passes
/// <see cref="KafkaHealthCheckOptions.MaxLag"/> or it had no partition for longer than <see cref="KafkaHealthCheckOptions.MaxUnassigned"/>.
/// </summary>
internal sealed class KafkaConsumerHealthCheck(IServiceProvider services, KafkaHealthCheckOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyCollection<HostedConsumerState> states = services.GetService<HostedConsumerStates>()?.All ?? [];
        var data = new Dictionary<string, object>();
        var degraded = new List<string>();
        foreach (HostedConsumerState state in states)
        {
            data[state.Name + ".lag"] = state.Lag;
            if (state.Fault is { } fault)
            {
                return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"{state.Name} stopped: {fault.Message}", fault, data));
            }

            if (state.Running && state.Lag > options.MaxLag)
            {
                degraded.Add($"{state.Name} lags {state.Lag} records (more than {options.MaxLag})");
            }

            if (state.Running && state.Unassigned > options.MaxUnassigned)
            {
                degraded.Add($"{state.Name} has had no partition for {state.Unassigned.TotalSeconds:0.#} s");
            }
        }

        return Task.FromResult(degraded.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", degraded), data: data)
            : HealthCheckResult.Healthy($"{states.Count} hosted consumers", data));
    }
}
