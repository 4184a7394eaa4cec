using Kafka.Client.Admin;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client;

/// <summary>Looking up offsets and deleting records: requests to each partition's leader.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Looks up offsets in partitions: earliest, latest, by timestamp or of the largest timestamp (ListOffsets, sent to each leader).</summary>
    /// <param name="partitions">The partitions and what to look up in each.</param>
    /// <param name="isolationLevel">With <see cref="IsolationLevel.ReadCommitted"/>, latest is the last stable offset.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One result per partition, in order; <see cref="ErrorCode.UnknownTopicOrPartition"/> for a partition that does
    /// not exist, <see cref="ErrorCode.UnsupportedVersion"/> for <see cref="OffsetSpec.MaxTimestamp"/> on brokers before Kafka 3.0.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="partitions"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ListOffsetsResult>> ListOffsetsAsync(
        IReadOnlyDictionary<TopicPartition, OffsetSpec> partitions,
        IsolationLevel isolationLevel = IsolationLevel.ReadUncommitted,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ThrowIfDisposed();
        var batch = new AdminBatch<TopicPartition, ListOffsetsResult>(partitions.Keys, "partition", (tp, e) => new ListOffsetsResult(tp, -1, -1, null, e));
        return await _calls.RunAsync(batch, (pending, token) => _leaders.SendAsync(batch, pending, async (connection, keys, t) =>
        {
            if (connection.VersionFor(ApiKey.ListOffsets) < ListOffsetsVersions.MaxTimestamp)
            {
                foreach (TopicPartition tp in keys.Where(k => partitions[k] == OffsetSpec.MaxTimestamp))
                {
                    batch.Fail(tp, ErrorCode.UnsupportedVersion, $"Broker {connection.NodeId} cannot look up the offset of the largest timestamp (ListOffsets v7, Kafka 3.0).");
                }
            }

            var (response, version) = await AdminNodes.SendAsync(connection, ApiKey.ListOffsets, _ => new ListOffsetsRequest
            {
                ReplicaId = -1,
                IsolationLevel = (sbyte)isolationLevel,
                Topics = [.. PartitionLists.ByTopic(batch.Pending.Intersect(keys), tp => new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = tp.Partition, Timestamp = partitions[tp].Timestamp })
                    .Select(t => new ListOffsetsRequest.ListOffsetsTopic { Name = t.Topic, Partitions = t.Partitions })],
            }, t).ConfigureAwait(false);
            foreach (var (tp, p) in PartitionLists.Flatten(response.Topics, t => t.Name, t => t.Partitions, p => p.PartitionIndex))
            {
                if (!batch.RecordError(tp, (ErrorCode)p.ErrorCode, null, RetryOn.Leader))
                {
                    long offset = version == 0 ? (p.OldStyleOffsets.Count > 0 ? p.OldStyleOffsets[0] : -1) : p.Offset;
                    batch.Succeed(tp, new ListOffsetsResult(tp, offset, p.Timestamp, p.LeaderEpoch >= 0 ? p.LeaderEpoch : null, null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the records of partitions before given offsets (DeleteRecords, sent to each leader).</summary>
    /// <param name="beforeOffsets">
    /// Per partition, the first offset to keep; <see cref="Offset.End"/> (-1) deletes everything up to the high watermark.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One result per partition, in order, with the partition's new first offset; <see cref="ErrorCode.OffsetOutOfRange"/>
    /// for an offset beyond the high watermark.
    /// </returns>
    /// <exception cref="ArgumentException">A partition is given twice.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<DeleteRecordsResult>> DeleteRecordsAsync(IEnumerable<TopicPartitionOffset> beforeOffsets, CancellationToken cancellationToken = default)
    {
        Dictionary<TopicPartition, long> wanted = ByPartition(beforeOffsets);
        var batch = new AdminBatch<TopicPartition, DeleteRecordsResult>(wanted.Keys, "partition", (tp, e) => new DeleteRecordsResult(tp, -1, e));
        return await _calls.RunAsync(batch, (pending, token) => _leaders.SendAsync(batch, pending, async (connection, keys, t) =>
        {
            var request = new DeleteRecordsRequest
            {
                TimeoutMs = RequestTimeoutMs,
                Topics = [.. PartitionLists.ByTopic(keys, tp => new DeleteRecordsRequest.DeleteRecordsPartition { PartitionIndex = tp.Partition, Offset = wanted[tp] })
                    .Select(t => new DeleteRecordsRequest.DeleteRecordsTopic { Name = t.Topic, Partitions = t.Partitions })],
            };
            var response = await connection.SendAsync(request, t).ConfigureAwait(false);
            foreach (var (tp, p) in PartitionLists.Flatten(response.Topics, t => t.Name, t => t.Partitions, p => p.PartitionIndex))
            {
                if (!batch.RecordError(tp, (ErrorCode)p.ErrorCode, null, RetryOn.Leader))
                {
                    batch.Succeed(tp, new DeleteRecordsResult(tp, p.LowWatermark, null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

}
