namespace Kafka.Client;

/// <summary>The thresholds and tags of the checks <c>AddKafka()</c> registers.</summary>
public sealed class KafkaHealthCheckOptions
{
    /// <summary>How long the broker check waits for a broker's answer. Default 5 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The name of the <see cref="KafkaAdminClient"/> (from <c>AddKafkaAdminClient</c>) the broker check asks; null for the unnamed one.</summary>
    public string? AdminClientName { get; set; }

    /// <summary>A hosted consumer whose lag (records not yet handled, over its partitions) passes this is Degraded. Default 1,000.</summary>
    public long MaxLag { get; set; } = 1_000;

    /// <summary>A running hosted consumer with no partition for longer than this is Degraded. Default 1 minute.</summary>
    public TimeSpan MaxUnassigned { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The broker check's tags. Default <c>ready</c>: a pod that cannot reach Kafka takes no traffic.</summary>
    public IList<string> BrokerTags { get; set; } = ["ready"];

    /// <summary>The hosted consumers' check tags. Default <c>live</c>: Unhealthy when a consumer stopped on an error, Degraded for lag or no assignment.</summary>
    public IList<string> ConsumerTags { get; set; } = ["live"];
}
