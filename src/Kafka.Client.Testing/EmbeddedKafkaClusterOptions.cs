using Kafka.Client.Protocol;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Testing;

/// <summary>Settings of an <see cref="EmbeddedKafkaCluster"/>. Every setting has a default that suits tests.</summary>
public sealed partial class EmbeddedKafkaClusterOptions
{
    /// <summary>Number of brokers, numbered 1..N. Ignored when <see cref="BrokerIds"/> is set. Default 1.</summary>
    public int Brokers { get; set; } = 1;

    /// <summary>Explicit broker ids, for example <c>[10, 11, 12, 20, 21, 22]</c>.</summary>
    public IReadOnlyList<int>? BrokerIds { get; set; }

    /// <summary>First port; 0 (the default) picks a free loopback port per broker; a fixed port gives consecutive ports.</summary>
    public int Port { get; set; }

    /// <summary>The address the brokers listen on. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The host name advertised in metadata; defaults to <see cref="Host"/>.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>Folder for segment files and committed offsets; null (the default) keeps everything in memory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The cluster id reported in metadata; a random one when null.</summary>
    public string? ClusterId { get; set; }

    /// <summary>Create a topic when a client asks for an unknown one (Kafka's <c>auto.create.topics.enable</c>). Default true.</summary>
    public bool AutoCreateTopics { get; set; } = true;

    /// <summary>Partitions of an auto-created topic (<c>num.partitions</c>). Default 1.</summary>
    public int DefaultPartitions { get; set; } = 1;

    /// <summary>Replication factor of an auto-created topic (<c>default.replication.factor</c>), capped at the broker count. Default 1.</summary>
    public short DefaultReplicationFactor { get; set; } = 1;

    /// <summary>Topic configs every new topic starts from (for example <c>retention.ms</c>), over Kafka's defaults.</summary>
    public IDictionary<string, string> TopicDefaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Smallest session timeout a group member may ask for (<c>group.min.session.timeout.ms</c>). Default 6000, as Kafka.</summary>
    public int GroupMinSessionTimeoutMs { get; set; } = 6_000;

    /// <summary>Largest session timeout a group member may ask for (<c>group.max.session.timeout.ms</c>). Default 1800000, as Kafka.</summary>
    public int GroupMaxSessionTimeoutMs { get; set; } = 1_800_000;

    /// <summary>
    /// Delay before the first rebalance of a new group (<c>group.initial.rebalance.delay.ms</c>). Kafka's default is 3000;
    /// the embedded default is 0 so tests don't wait.
    /// </summary>
    public int GroupInitialRebalanceDelayMs { get; set; }

    /// <summary>Default <c>retention.ms</c> of topics (<c>log.retention.ms</c>). Default 7 days.</summary>
    public long LogRetentionMs { get; set; } = 7L * 24 * 60 * 60 * 1000;

    /// <summary>Default <c>retention.bytes</c> per partition (<c>log.retention.bytes</c>); -1 (the default) = unlimited.</summary>
    public long LogRetentionBytes { get; set; } = -1;

    /// <summary>Largest request a broker accepts (<c>socket.request.max.bytes</c>). Default 100 MiB.</summary>
    public int MaxRequestSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>
    /// Caps the highest version the brokers advertise and accept, per API, to test a client against an older
    /// broker. A cap below the API's lowest served version removes the API (it is neither advertised nor answered).
    /// Empty (the default): every API at the highest version the broker speaks.
    /// </summary>
    public IDictionary<ApiKey, short> MaxApiVersions { get; } = new Dictionary<ApiKey, short>();

    /// <summary>
    /// Keeps a copy of the latest requests of each API (64 per API) for <see cref="EmbeddedKafkaCluster.RecentRequests{TRequest}"/>.
    /// Default false: copying every request costs time and memory a cluster under load should not spend.
    /// </summary>
    public bool KeepRecentRequests { get; set; }

    /// <summary>Where the brokers log; nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal IReadOnlyList<int> ResolveBrokerIds()
    {
        if (BrokerIds is { Count: > 0 } ids)
        {
            if (ids.Distinct().Count() != ids.Count || ids.Any(id => id < 0))
            {
                throw new ArgumentException("Broker ids must be distinct and not negative.", nameof(BrokerIds));
            }

            return ids;
        }

        if (Brokers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Brokers), Brokers, "A cluster needs at least one broker.");
        }

        return Enumerable.Range(1, Brokers).ToArray();
    }
}
