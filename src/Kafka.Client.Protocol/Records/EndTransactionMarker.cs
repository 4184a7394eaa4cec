namespace Kafka.Client.Protocol;

/// <summary>The content of an end-transaction control record: commit or abort, and the coordinator's epoch.</summary>
public readonly struct EndTransactionMarker : IEquatable<EndTransactionMarker>
{
    /// <summary>Creates a marker.</summary>
    /// <param name="type"><see cref="ControlRecordType.Commit"/> or <see cref="ControlRecordType.Abort"/>.</param>
    /// <param name="coordinatorEpoch">The transaction coordinator's epoch.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is neither commit nor abort.</exception>
    public EndTransactionMarker(ControlRecordType type, int coordinatorEpoch)
    {
        if (type is not (ControlRecordType.Commit or ControlRecordType.Abort))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "An end-transaction marker commits or aborts.");
        }

        Type = type;
        CoordinatorEpoch = coordinatorEpoch;
    }

    /// <summary>Commit or abort.</summary>
    public ControlRecordType Type { get; }

    /// <summary>The transaction coordinator's epoch.</summary>
    public int CoordinatorEpoch { get; }

    /// <summary>Whether two markers are equal.</summary>
    public static bool operator ==(EndTransactionMarker left, EndTransactionMarker right) => left.Equals(right);

    /// <summary>Whether two markers differ.</summary>
    public static bool operator !=(EndTransactionMarker left, EndTransactionMarker right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(EndTransactionMarker other) => Type == other.Type && CoordinatorEpoch == other.CoordinatorEpoch;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EndTransactionMarker other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, CoordinatorEpoch);

    /// <inheritdoc />
    public override string ToString() => $"{Type} (coordinator epoch {CoordinatorEpoch})";
}
