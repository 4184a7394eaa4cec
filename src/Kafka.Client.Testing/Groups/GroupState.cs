namespace Kafka.Client.Testing.Groups;

/// <summary>
/// The states of a classic consumer group, as Kafka's <c>ClassicGroupState</c> names them
/// (group-coordinator/.../classic/ClassicGroupState.java).
/// </summary>
internal enum GroupState
{
    /// <summary>No members; offsets may still be committed (simple consumers, admin resets).</summary>
    Empty,

    /// <summary>A rebalance started; the coordinator waits for the members to (re)join.</summary>
    PreparingRebalance,

    /// <summary>Every member got its JoinGroup answer; the coordinator waits for the leader's assignment.</summary>
    CompletingRebalance,

    /// <summary>The assignment was handed out; members heartbeat.</summary>
    Stable,

    /// <summary>The group was deleted.</summary>
    Dead,
}

/// <summary>The names Kafka reports for each state, and the transitions it allows.</summary>
internal static class GroupStates
{
    /// <summary>The name DescribeGroups and ListGroups report ("PreparingRebalance", ...).</summary>
    public static string Name(this GroupState state) => state switch
    {
        GroupState.Empty => "Empty",
        GroupState.PreparingRebalance => "PreparingRebalance",
        GroupState.CompletingRebalance => "CompletingRebalance",
        GroupState.Stable => "Stable",
        _ => "Dead",
    };

    /// <summary>Kafka's <c>validPreviousStates</c> of each state.</summary>
    public static bool CanTransition(GroupState from, GroupState to) => to switch
    {
        GroupState.PreparingRebalance => from is GroupState.Stable or GroupState.CompletingRebalance or GroupState.Empty,
        GroupState.CompletingRebalance => from is GroupState.PreparingRebalance,
        GroupState.Stable => from is GroupState.CompletingRebalance,
        GroupState.Empty => from is GroupState.PreparingRebalance,
        _ => true,
    };
}
