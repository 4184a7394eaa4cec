namespace Kafka.Client.Testing;

/// <summary>The settings of the consumer group protocol (KIP-848): the <c>group.consumer.*</c> broker configs.</summary>
public sealed partial class EmbeddedKafkaClusterOptions
{
    /// <summary>
    /// How often members of a consumer-protocol group heartbeat (<c>group.consumer.heartbeat.interval.ms</c>). Default
    /// 5000, as Kafka; a group can set its own (<c>consumer.heartbeat.interval.ms</c>) between
    /// <see cref="ConsumerGroupMinHeartbeatIntervalMs"/> and 15000.
    /// </summary>
    public int ConsumerGroupHeartbeatIntervalMs { get; set; } = 5_000;

    /// <summary>
    /// How long a member of a consumer-protocol group may go without a heartbeat before it is removed
    /// (<c>group.consumer.session.timeout.ms</c>). Default 45000, as Kafka; a group can set its own
    /// (<c>consumer.session.timeout.ms</c>) between <see cref="ConsumerGroupMinSessionTimeoutMs"/> and 60000.
    /// </summary>
    public int ConsumerGroupSessionTimeoutMs { get; set; } = 45_000;

    /// <summary>The smallest session timeout a group may set (<c>group.consumer.min.session.timeout.ms</c>). Default 45000, as Kafka.</summary>
    public int ConsumerGroupMinSessionTimeoutMs { get; set; } = 45_000;

    /// <summary>The smallest heartbeat interval a group may set (<c>group.consumer.min.heartbeat.interval.ms</c>). Default 5000, as Kafka.</summary>
    public int ConsumerGroupMinHeartbeatIntervalMs { get; set; } = 5_000;

    /// <summary>
    /// The server-side assignors, the first being the default (<c>group.consumer.assignors</c>): <c>uniform</c> and
    /// <c>range</c>. Default both, uniform first, as Kafka.
    /// </summary>
    public IList<string> ConsumerGroupAssignors { get; } = new List<string> { "uniform", "range" };

    /// <summary>The most members a consumer-protocol group may have (<c>group.consumer.max.size</c>). Default unlimited, as Kafka.</summary>
    public int ConsumerGroupMaxSize { get; set; } = int.MaxValue;

    /// <summary>Kafka's start-up checks of the <c>group.consumer.*</c> configs, with the option names in the message.</summary>
    /// <exception cref="ArgumentException">A setting is outside its bounds, or an assignor is unknown.</exception>
    internal void ValidateConsumerGroupSettings()
    {
        if (ConsumerGroupSessionTimeoutMs < ConsumerGroupMinSessionTimeoutMs || ConsumerGroupSessionTimeoutMs > 60_000)
        {
            throw new ArgumentException($"{nameof(ConsumerGroupSessionTimeoutMs)} ({ConsumerGroupSessionTimeoutMs}) must be between {nameof(ConsumerGroupMinSessionTimeoutMs)} ({ConsumerGroupMinSessionTimeoutMs}) and 60000 (group.consumer.max.session.timeout.ms); lower the minimum too for a shorter timeout.");
        }

        if (ConsumerGroupHeartbeatIntervalMs < ConsumerGroupMinHeartbeatIntervalMs || ConsumerGroupHeartbeatIntervalMs > 15_000)
        {
            throw new ArgumentException($"{nameof(ConsumerGroupHeartbeatIntervalMs)} ({ConsumerGroupHeartbeatIntervalMs}) must be between {nameof(ConsumerGroupMinHeartbeatIntervalMs)} ({ConsumerGroupMinHeartbeatIntervalMs}) and 15000 (group.consumer.max.heartbeat.interval.ms); lower the minimum too for a shorter interval.");
        }

        if (ConsumerGroupHeartbeatIntervalMs >= ConsumerGroupSessionTimeoutMs || ConsumerGroupMinHeartbeatIntervalMs < 1 || ConsumerGroupMinSessionTimeoutMs < 1)
        {
            throw new ArgumentException($"{nameof(ConsumerGroupHeartbeatIntervalMs)} ({ConsumerGroupHeartbeatIntervalMs}) must be positive and below {nameof(ConsumerGroupSessionTimeoutMs)} ({ConsumerGroupSessionTimeoutMs}).");
        }

        if (ConsumerGroupAssignors.Count == 0 || ConsumerGroupAssignors.Any(a => a is not ("uniform" or "range")))
        {
            throw new ArgumentException($"{nameof(ConsumerGroupAssignors)} must name one or more of uniform, range; it has [{string.Join(", ", ConsumerGroupAssignors)}].");
        }

        if (ConsumerGroupMaxSize < 1)
        {
            throw new ArgumentException($"{nameof(ConsumerGroupMaxSize)} must be at least 1.");
        }
    }
}
