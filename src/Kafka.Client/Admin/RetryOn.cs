using System.Collections.Frozen;
using Kafka.Client.Protocol;

namespace Kafka.Client.Admin;

/// <summary>The per-item error codes worth another attempt, by where the request went (as the Java admin client's handlers).</summary>
internal static class RetryOn
{
    /// <summary>Final answers only.</summary>
    public static readonly IReadOnlySet<ErrorCode> Nothing = FrozenSet<ErrorCode>.Empty;

    /// <summary>The controller moved: refresh metadata and send again.</summary>
    public static readonly IReadOnlySet<ErrorCode> Controller = new[] { ErrorCode.NotController }.ToFrozenSet();

    /// <summary>The group coordinator moved or is loading: find it again and send again.</summary>
    public static readonly IReadOnlySet<ErrorCode> Coordinator = new[]
    {
        ErrorCode.CoordinatorNotAvailable, ErrorCode.NotCoordinator, ErrorCode.CoordinatorLoadInProgress,
    }.ToFrozenSet();

    /// <summary>The partition's leader moved or is not ready: refresh metadata and send again.</summary>
    public static readonly IReadOnlySet<ErrorCode> Leader = new[]
    {
        ErrorCode.NotLeaderOrFollower, ErrorCode.LeaderNotAvailable, ErrorCode.FencedLeaderEpoch,
        ErrorCode.UnknownLeaderEpoch, ErrorCode.ReplicaNotAvailable, ErrorCode.OffsetNotAvailable,
    }.ToFrozenSet();
}
