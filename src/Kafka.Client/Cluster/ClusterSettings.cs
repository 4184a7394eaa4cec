using Kafka.Client.Network;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Cluster;

/// <summary>The settings the connection and metadata layer needs, taken from a client's options.</summary>
internal sealed record ClusterSettings(
    IReadOnlyList<BrokerAddress> Bootstrap,
    ConnectionSettings Connection,
    TimeSpan MetadataMaxAge,
    TimeSpan ReconnectBackoff,
    TimeSpan ReconnectBackoffMax,
    TimeSpan RetryBackoff,
    TimeSpan RetryBackoffMax,
    bool AllowAutoCreateTopics,
    ILoggerFactory LoggerFactory);
