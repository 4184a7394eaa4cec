using Kafka.Client.Network;
using Kafka.Client.Network.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kafka.Client.Cluster;

/// <summary>Turns a client's options into the settings of its connection and metadata layer.</summary>
internal static class ClusterSettingsFactory
{
    public static ClusterSettings Create(ClientOptions options, int maxInFlight, bool allowAutoCreateTopics) => new(
        BrokerAddress.ParseList(options.BootstrapServers),
        new ConnectionSettings(
            options.ResolveClientId(),
            TimeSpan.FromMilliseconds(options.RequestTimeoutMs),
            TimeSpan.FromMilliseconds(options.SocketConnectionSetupTimeoutMs),
            Math.Max(1, maxInFlight),
            Security: SecuritySettings.From(options)),
        TimeSpan.FromMilliseconds(options.MetadataMaxAgeMs),
        TimeSpan.FromMilliseconds(options.ReconnectBackoffMs),
        TimeSpan.FromMilliseconds(options.ReconnectBackoffMaxMs),
        TimeSpan.FromMilliseconds(Math.Max(1, options.RetryBackoffMs)),
        TimeSpan.FromMilliseconds(Math.Max(options.RetryBackoffMs, options.RetryBackoffMaxMs)),
        allowAutoCreateTopics,
        options.LoggerFactory ?? NullLoggerFactory.Instance);
}
