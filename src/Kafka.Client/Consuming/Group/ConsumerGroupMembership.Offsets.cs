using Kafka.Client.Diagnostics;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming;

/// <summary>Committing and fetching offsets with the member epoch (OffsetCommit and OffsetFetch v9, KIP-848).</summary>
internal sealed partial class ConsumerGroupMembership
{
    /// <summary>
    /// Commits with the member epoch. A commit the coordinator finds stale (STALE_MEMBER_EPOCH: the epoch moved on
    /// meanwhile) is sent again once the next heartbeat brought the new epoch, as Java's CommitRequestManager does.
    /// </summary>
    /// <exception cref="CommitFailedException">The member is not in the group (fenced, left, not joined yet).</exception>
    public async Task CommitAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, bool requireGeneration, CancellationToken cancellationToken)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        await _cluster.Retry.ExecuteAsync(async token =>
        {
            while (true)
            {
                if (Fatal is { } fatal)
                {
                    throw fatal;
                }

                int epoch = Volatile.Read(ref _epoch);
                if (requireGeneration && epoch <= 0)
                {
                    throw new CommitFailedException(ErrorCode.UnknownMemberId,
                        $"Offset commit to group '{_settings.GroupId}' cannot be completed since the consumer is not part of an active group (it was fenced, left after max.poll.interval.ms, or has not joined yet); it joins again on its next consume.");
                }

                bool member = epoch > 0;
                Task responded = _responded.Next;
                OffsetCommitRequest request = OffsetRequests.Commit(_settings.GroupId, member ? epoch : -1, member ? MemberId : "", member ? _settings.GroupInstanceId : null, offsets);
                OffsetCommitResponse response = await _coordinator.SendAsync(_ => request, OffsetRequests.FirstError, token).ConfigureAwait(false);
                ErrorCode error = OffsetRequests.FirstError(response);
                switch (error)
                {
                    case ErrorCode.None:
                        return;
                    case ErrorCode.StaleMemberEpoch:
                        LogMessages.LogStaleEpoch(_logger, _settings.GroupId, epoch);
                        await WaitForHeartbeatAsync(responded, token).ConfigureAwait(false);
                        continue;
                    case ErrorCode.UnknownMemberId or ErrorCode.FencedMemberEpoch or ErrorCode.IllegalGeneration:
                        throw new CommitFailedException(error,
                            $"Committing offsets to group '{_settings.GroupId}' failed: this member (epoch {epoch}) is no longer in the group ({error}); its partitions may now be consumed by another member, which resumes from the last committed offsets. The consumer joins again on its next consume.");
                    case ErrorCode.FencedInstanceId:
                        throw SetFatal(new KafkaException(error, $"Committing offsets to group '{_settings.GroupId}' failed: another consumer joined with group.instance.id '{_settings.GroupInstanceId}' (FENCED_INSTANCE_ID)."));
                    default:
                        throw new KafkaException(error, $"Committing offsets to group '{_settings.GroupId}' failed: {error}: {error.Describe()}");
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The committed offsets, asked for with the member id and epoch (v9) while in the group; a stale epoch is retried after the next heartbeat.</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> FetchCommittedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken)
    {
        return await _cluster.Retry.ExecuteAsync(async token =>
        {
            while (true)
            {
                int epoch = Volatile.Read(ref _epoch);
                Task responded = _responded.Next;
                OffsetFetchResponse response = await _coordinator.SendAsync(
                    c => OffsetRequests.Fetch(c.VersionFor(ApiKey.OffsetFetch), _settings.GroupId, partitions, epoch > 0 ? MemberId : null, epoch > 0 ? epoch : -1),
                    OffsetRequests.TopError, token).ConfigureAwait(false);
                ErrorCode top = OffsetRequests.TopError(response);
                if (top is ErrorCode.StaleMemberEpoch or ErrorCode.UnknownMemberId && epoch > 0)
                {
                    await WaitForHeartbeatAsync(responded, token).ConfigureAwait(false);
                    continue;
                }

                if (top != ErrorCode.None)
                {
                    throw new KafkaException(top, $"Fetching committed offsets of group '{_settings.GroupId}' failed: {top}.");
                }

                return (IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>)OffsetRequests.Offsets(response, _settings.GroupId);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the next heartbeat answer (which brings the current epoch), at most a heartbeat interval and a request timeout.</summary>
    private async Task WaitForHeartbeatAsync(Task responded, CancellationToken cancellationToken)
    {
        WakeHeartbeat();
        await AsyncSignal.WaitAsync(responded, TimeSpan.FromMilliseconds(Math.Max(_intervalMs, 100)) + _settings.RequestTimeout, cancellationToken).ConfigureAwait(false);
    }
}
