namespace Kafka.Client;

/// <summary>
/// The result of one item of an admin call (a topic, group, partition or config resource). Items fail on their
/// own: a call returns one result per item, each with its <see cref="Error"/> when it failed.
/// </summary>
/// <remarks>
/// To treat any failure as a failure of the whole call, use
/// <see cref="AdminResultExtensions.ThrowIfAnyFailed{T}(IReadOnlyList{T})"/>.
/// </remarks>
public abstract record AdminResult
{
    private protected AdminResult(KafkaException? error) => Error = error;

    /// <summary>Why this item failed (its message names the item), or null when it succeeded.</summary>
    public KafkaException? Error { get; }

    /// <summary>True when the item succeeded.</summary>
    public bool IsSuccess => Error is null;
}
