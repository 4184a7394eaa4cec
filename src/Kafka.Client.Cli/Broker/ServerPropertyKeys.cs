using System.Globalization;
using Kafka.Client.Testing;

namespace Kafka.Client.Cli.Broker;

/// <summary>The <c>server.properties</c> keys <c>kafka broker --config</c> knows, with the option each one sets.</summary>
internal static class ServerPropertyKeys
{
    /// <summary>Keys that set one option of the embedded cluster.</summary>
    public static readonly IReadOnlyDictionary<string, Action<EmbeddedKafkaClusterOptions, string>> Applied = new Dictionary<string, Action<EmbeddedKafkaClusterOptions, string>>(StringComparer.Ordinal)
    {
        ["port"] = (o, v) => o.Port = Int("port", v),
        ["host.name"] = (o, v) => o.Host = v,
        ["log.dirs"] = (o, v) => o.DataDirectory = FirstDirectory("log.dirs", v),
        ["log.dir"] = (o, v) => o.DataDirectory ??= FirstDirectory("log.dir", v),
        ["num.partitions"] = (o, v) => o.DefaultPartitions = Int("num.partitions", v),
        ["default.replication.factor"] = (o, v) => o.DefaultReplicationFactor = checked((short)Int("default.replication.factor", v)),
        ["auto.create.topics.enable"] = (o, v) => o.AutoCreateTopics = Boolean("auto.create.topics.enable", v),
        ["log.retention.bytes"] = (o, v) => o.LogRetentionBytes = Long("log.retention.bytes", v),
        ["socket.request.max.bytes"] = (o, v) => o.MaxRequestSize = Int("socket.request.max.bytes", v),
        ["group.min.session.timeout.ms"] = (o, v) => o.GroupMinSessionTimeoutMs = Int("group.min.session.timeout.ms", v),
        ["group.max.session.timeout.ms"] = (o, v) => o.GroupMaxSessionTimeoutMs = Int("group.max.session.timeout.ms", v),
        ["group.initial.rebalance.delay.ms"] = (o, v) => o.GroupInitialRebalanceDelayMs = Int("group.initial.rebalance.delay.ms", v),
        ["group.consumer.heartbeat.interval.ms"] = (o, v) => o.ConsumerGroupHeartbeatIntervalMs = Int("group.consumer.heartbeat.interval.ms", v),
        ["group.consumer.session.timeout.ms"] = (o, v) => o.ConsumerGroupSessionTimeoutMs = Int("group.consumer.session.timeout.ms", v),
        ["group.consumer.min.session.timeout.ms"] = (o, v) => o.ConsumerGroupMinSessionTimeoutMs = Int("group.consumer.min.session.timeout.ms", v),
        ["group.consumer.min.heartbeat.interval.ms"] = (o, v) => o.ConsumerGroupMinHeartbeatIntervalMs = Int("group.consumer.min.heartbeat.interval.ms", v),
        ["group.consumer.max.size"] = (o, v) => o.ConsumerGroupMaxSize = Int("group.consumer.max.size", v),
        ["group.consumer.assignors"] = (o, v) => Replace(o.ConsumerGroupAssignors, v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
        ["sasl.enabled.mechanisms"] = (o, v) => Replace(o.SaslEnabledMechanisms, v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(m => m.ToUpperInvariant())),
        ["super.users"] = (o, v) => Replace(o.SuperUsers, v.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
        ["allow.everyone.if.no.acl.found"] = (o, v) => o.AllowEveryoneIfNoAclFound = Boolean("allow.everyone.if.no.acl.found", v),
        ["authorizer.class.name"] = (o, v) => o.EnableAcls = v.Length > 0,
        ["ssl.client.auth"] = (o, v) => o.SslClientAuth = v.ToLowerInvariant() switch
        {
            "required" => SslClientAuthentication.Required,
            "requested" => SslClientAuthentication.Requested,
            "none" => SslClientAuthentication.None,
            _ => throw new FormatException("String must be one of: required, requested, none"),
        },
        ["connections.max.reauth.ms"] = (o, v) => o.ConnectionsMaxReauthMs = Long("connections.max.reauth.ms", v),
    };

    /// <summary>Keys read together with others (ids, listeners, retention units).</summary>
    public static readonly IReadOnlySet<string> Special = new HashSet<string>(StringComparer.Ordinal)
    {
        "node.id", "broker.id", "listeners", "advertised.listeners", "listener.security.protocol.map", "controller.listener.names",
        "log.retention.ms", "log.retention.minutes", "log.retention.hours",
    };

    /// <summary>
    /// Keys of Kafka's seed files (config/server.properties, broker.properties, controller.properties) and other
    /// everyday broker keys that mean nothing to an in-process broker: threads, socket buffers, segment and flush
    /// settings, internal topics' replication, the KRaft controller and ZooKeeper.
    /// </summary>
    public static readonly IReadOnlySet<string> WithoutEffect = new HashSet<string>(StringComparer.Ordinal)
    {
        "process.roles", "controller.quorum.voters", "controller.quorum.bootstrap.servers", "inter.broker.listener.name",
        "num.network.threads", "num.io.threads", "socket.send.buffer.bytes", "socket.receive.buffer.bytes",
        "num.recovery.threads.per.data.dir", "num.replica.fetchers", "background.threads",
        "offsets.topic.replication.factor", "offsets.topic.num.partitions", "transaction.state.log.replication.factor", "transaction.state.log.min.isr",
        "share.coordinator.state.topic.replication.factor", "share.coordinator.state.topic.min.isr",
        "log.segment.bytes", "log.retention.check.interval.ms", "log.flush.interval.messages", "log.flush.interval.ms", "log.cleaner.enable",
        "delete.topic.enable", "zookeeper.connect", "zookeeper.connection.timeout.ms", "metadata.log.dir",
    };

    public static int Int(string key, string value) =>
        int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int result) ? result : throw new UsageException($"Invalid value {value} for configuration {key}: Not a number of type INT");

    public static long Long(string key, string value) =>
        long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long result) ? result : throw new UsageException($"Invalid value {value} for configuration {key}: Not a number of type LONG");

    private static bool Boolean(string key, string value) =>
        bool.TryParse(value.Trim(), out bool result) ? result : throw new UsageException($"Invalid value {value} for configuration {key}: Expected value to be either true or false");

    /// <summary>The data directory: the embedded cluster keeps every broker's data in one folder, so one directory.</summary>
    private static string FirstDirectory(string key, string value)
    {
        string[] directories = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return directories.Length == 1 ? directories[0]
            : throw new UsageException($"Invalid value {value} for configuration {key}: the embedded cluster keeps its data in one directory; give one.");
    }

    private static void Replace<T>(ICollection<T> target, IEnumerable<T> values)
    {
        target.Clear();
        foreach (T value in values)
        {
            target.Add(value);
        }
    }
}
