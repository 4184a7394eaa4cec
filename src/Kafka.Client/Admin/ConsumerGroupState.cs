namespace Kafka.Client;

/// <summary>The state of a consumer group, as the group coordinator reports it.</summary>
public enum ConsumerGroupState
{
    /// <summary>Not reported (ListGroups before v4) or not a state this client knows.</summary>
    Unknown,

    /// <summary>Members are (re)joining.</summary>
    PreparingRebalance,

    /// <summary>Waiting for the leader's assignment.</summary>
    CompletingRebalance,

    /// <summary>Members consume their assignments.</summary>
    Stable,

    /// <summary>The group does not exist (any more).</summary>
    Dead,

    /// <summary>No members, but committed offsets may remain.</summary>
    Empty,

    /// <summary>A KIP-848 group computing a new assignment.</summary>
    Assigning,

    /// <summary>A KIP-848 group whose members move to a new assignment.</summary>
    Reconciling,
}
