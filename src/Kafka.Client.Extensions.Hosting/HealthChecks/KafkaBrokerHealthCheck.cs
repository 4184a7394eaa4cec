using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kafka.Client.HealthChecks;

/// <summary>Healthy when a broker answers a DescribeCluster within the timeout; Unhealthy otherwise.</summary>
internal sealed class KafkaBrokerHealthCheck(IServiceProvider services, KafkaHealthCheckOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        KafkaAdminClient? admin = options.AdminClientName is { } name ? services.GetKeyedService<KafkaAdminClient>(name) : services.GetService<KafkaAdminClient>();
        if (admin is null)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "No KafkaAdminClient is registered for the broker check: call AddKafkaAdminClient.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            ClusterDescription cluster = await admin.DescribeClusterAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{cluster.Nodes.Count} brokers in cluster {cluster.ClusterId}", new Dictionary<string, object> { ["brokers"] = cluster.Nodes.Count });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"No broker answered within {options.Timeout.TotalSeconds:0.#} s.");
        }
        catch (KafkaException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"No broker answered: {e.Message}", e);
        }
    }
}
