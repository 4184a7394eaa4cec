namespace Kafka.Client.Consuming;

/// <summary>The consumer options a group member uses; <paramref name="RemoteAssignor"/> is the consumer protocol's <c>group.remote.assignor</c>.</summary>
internal sealed record GroupSettings(
    string GroupId,
    string? GroupInstanceId,
    int SessionTimeoutMs,
    int RebalanceTimeoutMs,
    int HeartbeatIntervalMs,
    string RackId,
    IReadOnlyList<IPartitionAssignor> Assignors,
    TimeSpan RetryBackoff,
    TimeSpan RequestTimeout,
    string? RemoteAssignor = null)
{
    /// <summary>Cooperative only when every assignor offered is (the Java client's rule): one eager assignor makes the member eager.</summary>
    public RebalanceProtocol Protocol { get; } = Assignors.All(a => a.Protocol == RebalanceProtocol.Cooperative) ? RebalanceProtocol.Cooperative : RebalanceProtocol.Eager;

    /// <summary>How long the coordinator may hold a JoinGroup: the rebalance timeout plus a margin (the Java client adds 5 s).</summary>
    public TimeSpan JoinTimeout => TimeSpan.FromMilliseconds((long)Math.Max(RequestTimeout.TotalMilliseconds, RebalanceTimeoutMs + 5_000L));
}
