using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>The checks every per-partition request shares: does the partition exist, and does this broker lead it at the caller's epoch.</summary>
internal static class LeaderChecks
{
    /// <summary>
    /// Finds a partition the principal may do <paramref name="operation"/> on, or says why not: an injected error first,
    /// then TOPIC_AUTHORIZATION_FAILED (whether the topic exists or not, as Kafka hides it), then an unknown topic or partition.
    /// </summary>
    public static PartitionState? Find(RequestContext context, string topic, int partition, AclOperation operation, out ErrorCode error)
    {
        bool allowed = context.ForcedError == ErrorCode.None && context.Authorize(operation, ResourceType.Topic, topic);
        PartitionState? state = allowed ? context.Cluster.FindPartition(topic, partition) : null;
        error = context.ForcedError != ErrorCode.None ? context.ForcedError
            : !allowed ? ErrorCode.TopicAuthorizationFailed
            : state is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.None;
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
