using Kafka.Client.Network;
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

            var request = new OffsetCommitRequest
            {
                GroupId = _settings.GroupId,
                GenerationIdOrMemberEpoch = generation,
                MemberId = memberId,
                GroupInstanceId = generation >= 0 ? _settings.GroupInstanceId : null,
                Topics = [.. offsets.GroupBy(o => o.Key.Topic).Select(t => new OffsetCommitRequest.OffsetCommitRequestTopic
                {
                    Name = t.Key,
                    Partitions = [.. t.Select(o => new OffsetCommitRequest.OffsetCommitRequestPartition
                    {
                        PartitionIndex = o.Key.Partition,
                        CommittedOffset = o.Value.Offset,
                        CommittedLeaderEpoch = o.Value.LeaderEpoch ?? -1,
                        CommittedMetadata = o.Value.Metadata ?? "",
                    })],
                })],
            };
            OffsetCommitResponse response = await SendToCoordinatorAsync(_ => request, FirstError, token).ConfigureAwait(false);
            ErrorCode error = FirstError(response);
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
            OffsetFetchResponse response = await SendToCoordinatorAsync(c => BuildOffsetFetch(c.VersionFor(ApiKey.OffsetFetch), partitions), TopError, token).ConfigureAwait(false);
            ErrorCode top = TopError(response);
            if (top != ErrorCode.None)
            {
                throw new KafkaException(top, $"Fetching committed offsets of group '{_settings.GroupId}' failed: {top}.");
            }

            var result = new Dictionary<TopicPartition, OffsetAndMetadata>();
            foreach (var (tp, offset, epoch, metadata, code) in Partitions(response))
            {
                var error = (ErrorCode)code;
                if (error != ErrorCode.None)
                {
                    throw new KafkaException(error, $"Fetching the committed offset of {tp} in group '{_settings.GroupId}' failed: {error}.", tp);
                }

                result[tp] = new OffsetAndMetadata(offset < 0 ? Offset.Unset : offset, metadata, epoch < 0 ? null : epoch);
            }

            return (IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>)result;
        }, cancellationToken).ConfigureAwait(false);
    }

    private OffsetFetchRequest BuildOffsetFetch(short version, IReadOnlyList<TopicPartition> partitions)
    {
        var request = new OffsetFetchRequest { RequireStable = version >= OffsetFetchVersions.RequireStable };
        if (version >= OffsetFetchVersions.Groups)
        {
            request.Groups =
            [
                new OffsetFetchRequest.OffsetFetchRequestGroup
                {
                    GroupId = _settings.GroupId,
                    Topics = [.. partitions.GroupBy(p => p.Topic).Select(t => new OffsetFetchRequest.OffsetFetchRequestTopics { Name = t.Key, PartitionIndexes = [.. t.Select(p => p.Partition)] })],
                },
            ];
        }
        else
        {
            request.GroupId = _settings.GroupId;
            request.Topics = [.. partitions.GroupBy(p => p.Topic).Select(t => new OffsetFetchRequest.OffsetFetchRequestTopic { Name = t.Key, PartitionIndexes = [.. t.Select(p => p.Partition)] })];
        }

        return request;
    }

    private static ErrorCode TopError(OffsetFetchResponse response) =>
        (ErrorCode)(response.Groups.Count > 0 ? response.Groups[0].ErrorCode : response.ErrorCode);

    private static IEnumerable<(TopicPartition, long, int, string?, short)> Partitions(OffsetFetchResponse response)
    {
        if (response.Groups.Count > 0)
        {
            return response.Groups[0].Topics.SelectMany(t => t.Partitions.Select(p => (new TopicPartition(t.Name, p.PartitionIndex), p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode)));
        }

        return response.Topics.SelectMany(t => t.Partitions.Select(p => (new TopicPartition(t.Name, p.PartitionIndex), p.CommittedOffset, p.CommittedLeaderEpoch, p.Metadata, p.ErrorCode)));
    }

    private static ErrorCode FirstError(OffsetCommitResponse response)
    {
        foreach (OffsetCommitResponse.OffsetCommitResponseTopic topic in response.Topics)
        {
            foreach (OffsetCommitResponse.OffsetCommitResponsePartition partition in topic.Partitions)
            {
                if (partition.ErrorCode != 0)
                {
                    return (ErrorCode)partition.ErrorCode;
                }
            }
        }

        return ErrorCode.None;
    }
}
