using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// Fetch (1): whole batches up to the high watermark, within the per-partition and per-response byte limits
/// (at least one batch, KIP-74), long-polling on <c>max_wait_ms</c>/<c>min_bytes</c> by waiting on the partitions'
/// append signals (no busy waiting), with the incremental fetch sessions of KIP-227.
/// Versions below 4 (message format 0/1) were removed in Kafka 4.0 (KIP-896) and are not served.
/// </summary>
internal sealed class FetchHandler : ApiHandler<FetchRequest, FetchResponse>
{
    public override ApiKey Api => ApiKey.Fetch;

    public override async ValueTask<FetchResponse?> HandleAsync(RequestContext context, FetchRequest fetch, CancellationToken cancellationToken)
    {
        var response = new FetchResponse();
        if (context.ForcedError != ErrorCode.None)
        {
            response.ErrorCode = (short)context.ForcedError;
            return response;
        }

        ErrorCode sessionError = FetchSessions.Resolve(context, fetch, out FetchSession? session, out List<SessionPartition> partitions, out bool incremental);
        if (sessionError != ErrorCode.None)
        {
            response.ErrorCode = (short)sessionError;
            return response;
        }

        response.SessionId = session?.Id ?? 0;
        long deadline = Environment.TickCount64 + Math.Max(0, fetch.MaxWaitMs);
        while (true)
        {
            var signals = new List<Task>(partitions.Count);
            long available = 0;
            bool error = false;
            foreach (SessionPartition wanted in partitions)
            {
                PartitionState? partition = Find(context, wanted);
                if (partition is null)
                {
                    error = true;
                    continue;
                }

                signals.Add(partition.DataArrived);
                lock (partition.Sync)
                {
                    if (Check(context, partition, wanted) != ErrorCode.None)
                    {
                        error = true;
                        continue;
                    }

                    available += partition.Log.BytesAvailable(wanted.FetchOffset, EndOffset(fetch, partition));
                }
            }

            long remaining = deadline - Environment.TickCount64;
            if (available >= Math.Max(fetch.MinBytes, 1) || error || remaining <= 0 || signals.Count == 0)
            {
                break;
            }

            try
            {
                // WaitAsync drops its timer as soon as data arrives (a Task.Delay would live for the whole max wait).
                await Task.WhenAny(signals).WaitAsync(TimeSpan.FromMilliseconds(remaining), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // fetch.max.wait.ms passed: answer with what there is.
            }
        }

        Build(context, fetch, partitions, incremental, response, session);
        return response;
    }

    private const sbyte ReadCommitted = 1;

    /// <summary>Where a fetch stops: the high watermark, or for read_committed the last stable offset.</summary>
    private static long EndOffset(FetchRequest fetch, PartitionState partition) =>
        fetch.IsolationLevel == ReadCommitted ? partition.LastStableOffset : partition.HighWatermark;

    private static PartitionState? Find(RequestContext context, SessionPartition wanted) =>
        context.Cluster.FindPartition(wanted.Topic, wanted.Partition);

    private static ErrorCode Check(RequestContext context, PartitionState partition, SessionPartition wanted)
    {
        if (!context.Authorize(AclOperation.Read, ResourceType.Topic, wanted.Topic))
        {
            return ErrorCode.TopicAuthorizationFailed;
        }

        ErrorCode leadership = LeaderChecks.CheckLocked(context, partition, wanted.CurrentLeaderEpoch);
        if (leadership != ErrorCode.None)
        {
            return leadership;
        }

        if (wanted.FetchOffset < partition.LogStartOffset || wanted.FetchOffset > partition.LogEndOffset)
        {
            return ErrorCode.OffsetOutOfRange;
        }

        return ErrorCode.None;
    }

    private static void Build(RequestContext context, FetchRequest fetch, List<SessionPartition> partitions, bool incremental, FetchResponse response, FetchSession? session)
    {
        List<SessionPartition>? withData = null;
        bool byId = context.Version >= FetchVersions.TopicIds;
        using var buffer = new PooledBufferWriter(64 * 1024);
        var slices = new List<(FetchResponse.PartitionData Data, int Start, int Length)>();
        int responseBytes = 0;
        var topics = new Dictionary<string, FetchResponse.FetchableTopicResponse>(StringComparer.Ordinal);
        foreach (SessionPartition wanted in partitions)
        {
            var data = new FetchResponse.PartitionData { PartitionIndex = wanted.Partition, AbortedTransactions = null };
            PartitionState? partition = Find(context, wanted);
            bool changed;
            if (partition is null)
            {
                data.ErrorCode = (short)(byId && wanted.Topic.Length == 0 ? ErrorCode.UnknownTopicId
                    : !context.Authorize(AclOperation.Read, ResourceType.Topic, wanted.Topic) ? ErrorCode.TopicAuthorizationFailed
                    : ErrorCode.UnknownTopicOrPartition);
                data.HighWatermark = -1;
                changed = true;
            }
            else
            {
                lock (partition.Sync)
                {
                    ErrorCode error = Check(context, partition, wanted);
                    data.ErrorCode = (short)error;
                    data.HighWatermark = partition.HighWatermark;
                    data.LastStableOffset = partition.LastStableOffset;
                    data.LogStartOffset = partition.LogStartOffset;
                    if (context.Version >= FetchVersions.CurrentLeader && (error == ErrorCode.NotLeaderOrFollower || error == ErrorCode.FencedLeaderEpoch))
                    {
                        data.CurrentLeader = new FetchResponse.LeaderIdAndEpoch { LeaderId = partition.Leader, LeaderEpoch = partition.LeaderEpoch };
                    }

                    int start = buffer.WrittenCount;
                    if (error == ErrorCode.None)
                    {
                        int budget = Math.Min(wanted.MaxBytes, Math.Max(fetch.MaxBytes - responseBytes, 0));
                        long end = EndOffset(fetch, partition);
                        int read = partition.Log.Read(wanted.FetchOffset, end, budget, minOneBatch: responseBytes == 0, buffer);
                        responseBytes += read;
                        if (fetch.IsolationLevel == ReadCommitted)
                        {
                            // The aborted transactions the fetched range holds, for the reader to drop (FetchResponse.AbortedTransaction).
                            data.AbortedTransactions = [.. partition.Transactions.AbortedIn(wanted.FetchOffset, end).Select(a => new FetchResponse.AbortedTransaction
                            {
                                ProducerId = a.ProducerId,
                                FirstOffset = a.FirstOffset,
                            })];
                        }
                    }

                    slices.Add((data, start, buffer.WrittenCount - start));
                    if (buffer.WrittenCount > start)
                    {
                        (withData ??= []).Add(wanted);
                    }

                    changed = error != ErrorCode.None || buffer.WrittenCount > start
                        || wanted.SentHighWatermark != partition.HighWatermark || wanted.SentLogStartOffset != partition.LogStartOffset;
                    wanted.SentHighWatermark = partition.HighWatermark;
                    wanted.SentLogStartOffset = partition.LogStartOffset;
                }
            }

            if (incremental && !changed)
            {
                continue;
            }

            string key = byId ? wanted.TopicId.ToString() : wanted.Topic;
            if (!topics.TryGetValue(key, out FetchResponse.FetchableTopicResponse? topic))
            {
                topic = new FetchResponse.FetchableTopicResponse { Topic = byId ? "" : wanted.Topic, TopicId = wanted.TopicId };
                topics[key] = topic;
                response.Responses.Add(topic);
            }

            topic.Partitions.Add(data);
        }

        if (incremental && session is not null && withData is not null)
        {
            // As Kafka's IncrementalFetchContext: partitions that returned data go to the end of the session, so a
            // response too small for every partition serves the others first next time.
            lock (session)
            {
                foreach (SessionPartition served in withData)
                {
                    if (session.Partitions.Remove(served))
                    {
                        session.Partitions.Add(served);
                    }
                }
            }
        }

        byte[] records = buffer.WrittenSpan.ToArray();
        foreach (var (data, start, length) in slices)
        {
            data.Records = records.AsMemory(start, length);
        }
    }
}
