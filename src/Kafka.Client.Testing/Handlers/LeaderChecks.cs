using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>The checks every per-partition request shares: does the partition exist, and does this broker lead it at the caller's epoch.</summary>
internal static class LeaderChecks
{
    /// <summary>Finds a partition, or says why not (an injected error first, then an unknown topic or partition).</summary>
    public static PartitionState? Find(RequestContext context, string topic, int partition, out ErrorCode error)
    {
        PartitionState? state = context.ForcedError == ErrorCode.None ? context.Cluster.FindPartition(topic, partition) : null;
        error = context.ForcedError != ErrorCode.None ? context.ForcedError : state is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.None;
        return state;
    }

    /// <summary>
    /// NOT_LEADER_OR_FOLLOWER when this broker does not lead the partition; FENCED_LEADER_EPOCH or
    /// UNKNOWN_LEADER_EPOCH when the caller's epoch (-1 = no check) is older or newer (KIP-320). Call with the
    /// partition's lock held.
    /// </summary>
    public static ErrorCode CheckLocked(RequestContext context, PartitionState partition, int currentLeaderEpoch)
    {
        if (partition.Leader != context.BrokerId)
        {
            return ErrorCode.NotLeaderOrFollower;
        }

        if (currentLeaderEpoch >= 0 && currentLeaderEpoch != partition.LeaderEpoch)
        {
            return currentLeaderEpoch > partition.LeaderEpoch ? ErrorCode.UnknownLeaderEpoch : ErrorCode.FencedLeaderEpoch;
        }

        return ErrorCode.None;
    }
}
