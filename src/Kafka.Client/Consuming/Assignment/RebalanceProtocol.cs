namespace Kafka.Client;

/// <summary>How a group moves partitions between members during a rebalance.</summary>
public enum RebalanceProtocol
{
    /// <summary>Every member gives up all its partitions before the group is assigned again (range, roundrobin, sticky).</summary>
    Eager,

    /// <summary>
    /// Members keep the partitions that don't move and keep consuming them during the rebalance; only partitions that
    /// change owner are revoked, then assigned in a second rebalance (KIP-429, cooperative-sticky).
    /// </summary>
    Cooperative,
}
