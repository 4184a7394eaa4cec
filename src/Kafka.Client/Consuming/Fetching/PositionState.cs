namespace Kafka.Client.Consuming;

/// <summary>Whether a partition's position is known, and if not, how it will be found.</summary>
internal enum PositionState
{
    /// <summary>Look up the committed offset (group consumers), else reset.</summary>
    NeedsCommitted,

    /// <summary>Reset by <c>auto.offset.reset</c> or by an explicit seek to the beginning or end.</summary>
    NeedsReset,

    /// <summary>The position is known; the partition can be fetched.</summary>
    Valid,

    /// <summary>The position cannot be found (reset policy <c>none</c>); the error is raised to the application.</summary>
    Failed,
}
