using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>
/// Offsets could not be committed because the group rebalanced since the consumer joined: its partitions may
/// already belong to another member. Records consumed since the last commit will be consumed again by whoever owns
/// the partitions now; nothing is lost. The consumer rejoins the group on its next consume.
/// </summary>
public sealed class CommitFailedException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The coordinator's error (<see cref="ErrorCode.IllegalGeneration"/>, <see cref="ErrorCode.UnknownMemberId"/>, <see cref="ErrorCode.RebalanceInProgress"/>...).</param>
    /// <param name="message">What went wrong.</param>
    public CommitFailedException(ErrorCode error, string message)
        : base(error, message)
    {
    }

    /// <inheritdoc/>
    public override bool IsRetriable => false;
}
