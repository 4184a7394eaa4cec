using Kafka.Client.Admin;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client;

/// <summary>Reading, changing and deleting the offsets a consumer group committed: requests to the group's coordinator.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Reads the offsets a consumer group committed (OffsetFetch, sent to the group's coordinator).</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="partitions">The partitions to read, or null for every partition the group committed an offset for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One row per partition (in the given order, or by topic and partition); a partition without a committed
    /// offset has a null <see cref="CommittedOffsetResult.Offset"/>.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is empty.</exception>
    /// <exception cref="KafkaException">The group's offsets could not be read (e.g. no coordinator within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<CommittedOffsetResult>> ListConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartition>? partitions = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ThrowIfDisposed();
        List<TopicPartition>? wanted = partitions?.Distinct().ToList();
        List<OffsetFetchRows.Row> rows = await _calls.CallAsync("OffsetFetch", async token =>
        {
            int coordinator = await _coordinators.FindAsync(groupId, token).ConfigureAwait(false);
            (OffsetFetchResponse Response, short Version) answer;
            try
            {
                KafkaConnection connection = await _nodes.ConnectAsync(coordinator, token).ConfigureAwait(false);
                answer = await AdminNodes.SendAsync(connection, ApiKey.OffsetFetch, v => OffsetFetchRows.Request(v, groupId, wanted), token).ConfigureAwait(false);
            }
            catch (KafkaException)
            {
                _coordinators.ForgetNode(coordinator);
                throw;
            }

            var (error, found) = OffsetFetchRows.Read(answer.Response, answer.Version, groupId);
            if (error != ErrorCode.None)
            {
                _coordinators.ForgetOn(groupId, error);
                throw new KafkaException(error, $"{error} for group {groupId}: {error.Describe()}");
            }

            return found;
        }, cancellationToken).ConfigureAwait(false);

        var byPartition = rows.ToDictionary(r => r.TopicPartition);
        IEnumerable<TopicPartition> order = wanted ?? [.. byPartition.Keys.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition)];
        return [.. order.Select(tp => byPartition.TryGetValue(tp, out OffsetFetchRows.Row? row)
            ? new CommittedOffsetResult(tp, row.Offset >= 0 ? row.Offset : null, row.LeaderEpoch >= 0 ? row.LeaderEpoch : null, row.Metadata, row.Error == ErrorCode.None ? null : new KafkaException(row.Error, $"{row.Error} for group {groupId} on {tp}: {row.Error.Describe()}", tp))
            : new CommittedOffsetResult(tp, null, null, null, null))];
    }

    /// <summary>
    /// Sets the committed offsets of a consumer group (OffsetCommit without a member, as Java's admin client does), e.g.
    /// to rewind it. The group must have no active members.
    /// </summary>
    /// <param name="groupId">The group id; the group is created if it does not exist.</param>
    /// <param name="offsets">The offsets to commit: the next message to consume in each partition.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One result per partition, in order; <see cref="ErrorCode.UnknownMemberId"/> while the group has active members,
    /// <see cref="ErrorCode.UnknownTopicOrPartition"/> for a partition that does not exist.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is empty, or a partition is given twice.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<TopicPartitionResult>> AlterConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartitionOffset> offsets, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        Dictionary<TopicPartition, long> wanted = ByPartition(offsets);
        var batch = new AdminBatch<TopicPartition, TopicPartitionResult>(wanted.Keys, "partition", (tp, e) => new TopicPartitionResult(tp, e));
        return await _calls.RunAsync(batch, (pending, token) => SendToCoordinatorsAsync(batch, pending, _ => groupId, async (connection, keys, t) =>
        {
            var request = new OffsetCommitRequest
            {
                GroupId = groupId,
                GenerationIdOrMemberEpoch = -1,
                MemberId = "",
                Topics = [.. PartitionLists.ByTopic(keys, k => new OffsetCommitRequest.OffsetCommitRequestPartition { PartitionIndex = k.Partition, CommittedOffset = wanted[k] })
                    .Select(t => new OffsetCommitRequest.OffsetCommitRequestTopic { Name = t.Topic, Partitions = t.Partitions })],
            };
            var response = await connection.SendAsync(request, t).ConfigureAwait(false);
            foreach (var (tp, p) in PartitionLists.Flatten(response.Topics, t => t.Name, t => t.Partitions, p => p.PartitionIndex))
            {
                if (!RecordGroupError(batch, tp, groupId, p.ErrorCode))
                {
                    batch.Succeed(tp, new TopicPartitionResult(tp, null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes committed offsets of a consumer group (OffsetDelete, sent to the group's coordinator).</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="partitions">The partitions whose offsets to delete.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One result per partition, in order; <see cref="ErrorCode.GroupSubscribedToTopic"/> for a topic the group's
    /// members consume, <see cref="ErrorCode.GroupIdNotFound"/> on every partition when the group does not exist.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is empty.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<TopicPartitionResult>> DeleteConsumerGroupOffsetsAsync(string groupId, IEnumerable<TopicPartition> partitions, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentNullException.ThrowIfNull(partitions);
        ThrowIfDisposed();
        var batch = new AdminBatch<TopicPartition, TopicPartitionResult>(partitions, "partition", (tp, e) => new TopicPartitionResult(tp, e));
        return await _calls.RunAsync(batch, (pending, token) => SendToCoordinatorsAsync(batch, pending, _ => groupId, async (connection, keys, t) =>
        {
            var request = new OffsetDeleteRequest
            {
                GroupId = groupId,
                Topics = [.. PartitionLists.ByTopic(keys, k => new OffsetDeleteRequest.OffsetDeleteRequestPartition { PartitionIndex = k.Partition })
                    .Select(t => new OffsetDeleteRequest.OffsetDeleteRequestTopic { Name = t.Topic, Partitions = t.Partitions })],
            };
            var response = await connection.SendAsync(request, t).ConfigureAwait(false);
            if (response.ErrorCode != 0)
            {
                foreach (TopicPartition tp in keys)
                {
                    RecordGroupError(batch, tp, groupId, response.ErrorCode);
                }

                return;
            }

            foreach (var (tp, p) in PartitionLists.Flatten(response.Topics, t => t.Name, t => t.Partitions, p => p.PartitionIndex))
            {
                if (!batch.RecordError(tp, (ErrorCode)p.ErrorCode, null, RetryOn.Nothing))
                {
                    batch.Succeed(tp, new TopicPartitionResult(tp, null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Offsets by partition, checking each partition is given once; throws when disposed.</summary>
    private Dictionary<TopicPartition, long> ByPartition(IEnumerable<TopicPartitionOffset> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ThrowIfDisposed();
        var byPartition = new Dictionary<TopicPartition, long>();
        foreach (TopicPartitionOffset offset in offsets)
        {
            if (!byPartition.TryAdd(offset.TopicPartition, offset.Offset))
            {
                throw new ArgumentException($"{offset.TopicPartition} is given twice.", nameof(offsets));
            }
        }

        return byPartition;
    }
}
