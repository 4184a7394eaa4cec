using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming;

/// <summary>Committing offsets and reading the committed ones.</summary>
internal sealed partial class GroupMember
{
    /// <summary>Commits offsets with this member's generation (or as a simple consumer outside any generation).</summary>
    /// <param name="offsets">What to commit.</param>
    /// <param name="requireGeneration">
    /// The consumer subscribes (its partitions come from the group): outside an active generation it must not commit
    /// as a simple consumer, or it would overwrite the offsets of the member that owns the partitions now (Java's
    /// ConsumerCoordinator fails such a commit the same way). Checked on every attempt.
    /// </param>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <exception cref="CommitFailedException">The group rebalanced since this member joined, or it is not in one.</exception>
    public async Task CommitAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, bool requireGeneration, CancellationToken cancellationToken)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        await _cluster.Retry.ExecuteAsync(async token =>
        {
            if (Fatal is { } fatal)
            {
                throw fatal;
            }

            int generation = GenerationId;
            string memberId = MemberId;
            if (requireGeneration && generation < 0)
            {
                throw new CommitFailedException(ErrorCode.IllegalGeneration,
                    $"Offset commit to group '{_settings.GroupId}' cannot be completed since the consumer is not part of an active group (it was likely removed after max.poll.interval.ms or session.timeout.ms); it rejoins on its next consume.");
            }

            OffsetCommitRequest request = OffsetRequests.Commit(_settings.GroupId, generation, memberId, generation >= 0 ? _settings.GroupInstanceId : null, offsets);
            OffsetCommitResponse response = await _coordinator.SendAsync(_ => request, OffsetRequests.FirstError, token).ConfigureAwait(false);
            ErrorCode error = OffsetRequests.FirstError(response);
            switch (error)
            {
                case ErrorCode.None:
                    return;
                case ErrorCode.FencedInstanceId:
                    throw Fence("OffsetCommit");
                case ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId:
                    if (generation == GenerationId)
                    {
                        ResetGeneration(forgetMemberId: error != ErrorCode.IllegalGeneration);
                    }

                    throw new CommitFailedException(error,
                        $"Committing offsets to group '{_settings.GroupId}' failed: the group rebalanced and this consumer's generation {generation} is over ({error}); its partitions may now be consumed by another member, which resumes from the last committed offsets. The consumer rejoins on its next consume.");
                case ErrorCode.RebalanceInProgress:
                    RequestRejoin();
                    throw new CommitFailedException(error,
                        $"Committing offsets to group '{_settings.GroupId}' failed: the group is rebalancing ({error}). Consume again to finish the rebalance, then commit what is still assigned.");
                default:
                    throw new KafkaException(error, $"Committing offsets to group '{_settings.GroupId}' failed: {error}: {error.Describe()}");
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The committed offsets of the partitions; <see cref="Offset.Unset"/> where none is committed.</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> FetchCommittedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        return await _cluster.Retry.ExecuteAsync(async token =>
        {
            OffsetFetchResponse response = await _coordinator.SendAsync(c => OffsetRequests.Fetch(c.VersionFor(ApiKey.OffsetFetch), _settings.GroupId, partitions), OffsetRequests.TopError, token).ConfigureAwait(false);
            ErrorCode top = OffsetRequests.TopError(response);
            if (top != ErrorCode.None)
            {
                throw new KafkaException(top, $"Fetching committed offsets of group '{_settings.GroupId}' failed: {top}.");
            }

            return (IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>)OffsetRequests.Offsets(response, _settings.GroupId);
        }, cancellationToken).ConfigureAwait(false);
    }
}
