using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// Produce (0): validates each batch (magic 2, length, CRC-32C, size), checks idempotent sequences, appends at the
/// log end, and answers per acks: 0 no answer, 1 once the leader has it, all once the ISR has it (high watermark).
/// Versions below 3 (message format 0/1) were removed in Kafka 4.0 (KIP-896) and are not served.
/// </summary>
internal sealed class ProduceHandler : ApiHandler<ProduceRequest, ProduceResponse>
{
    public override ApiKey Api => ApiKey.Produce;

    public override async ValueTask<ProduceResponse?> HandleAsync(RequestContext context, ProduceRequest produce, CancellationToken cancellationToken)
    {
        var response = new ProduceResponse();
        var waits = new List<(ProduceResponse.PartitionProduceResponse Result, Task<ErrorCode> Replicated)>();
        foreach (ProduceRequest.TopicProduceData topicData in produce.TopicData)
        {
            var topicResponse = new ProduceResponse.TopicProduceResponse { Name = topicData.Name };
            response.Responses.Add(topicResponse);
            TopicState? topic = context.Cluster.FindTopic(topicData.Name);
            // Kafka checks WRITE on the transactional id, then on each topic, before anything else (hiding whether it exists).
            ErrorCode refused = produce.TransactionalId is { } transactionalId && !context.Authorize(AclOperation.Write, ResourceType.TransactionalId, transactionalId)
                ? ErrorCode.TransactionalIdAuthorizationFailed
                : !context.Authorize(AclOperation.Write, ResourceType.Topic, topicData.Name) ? ErrorCode.TopicAuthorizationFailed : ErrorCode.None;
            foreach (ProduceRequest.PartitionProduceData partitionData in topicData.PartitionData)
            {
                var result = new ProduceResponse.PartitionProduceResponse { Index = partitionData.Index, BaseOffset = -1 };
                topicResponse.PartitionResponses.Add(result);
                Task<ErrorCode>? replicated = null;
                ErrorCode error;
                if (refused == ErrorCode.None && Transactional(partitionData) is (long producerId, short epoch))
                {
                    // Verified and appended under the coordinator's lock: the transaction cannot end in between.
                    lock (context.Cluster.Transactions.Sync)
                    {
                        error = context.Cluster.Transactions.VerifyProduce(producerId, epoch, topicData.Name, partitionData.Index);
                        if (error == ErrorCode.None)
                        {
                            error = Append(context, produce, topic, partitionData, result, out replicated);
                        }
                    }
                }
                else
                {
                    error = refused != ErrorCode.None ? refused : Append(context, produce, topic, partitionData, result, out replicated);
                }
                result.ErrorCode = context.Error(error);
                if (replicated is not null && error == ErrorCode.None)
                {
                    waits.Add((result, replicated));
                }
            }
        }

        if (waits.Count > 0)
        {
            Task all = Task.WhenAll(waits.Select(w => w.Replicated));
            try
            {
                // WaitAsync drops its timer as soon as the replicas answer (a Task.Delay would live for the whole timeout).
                await all.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(produce.TimeoutMs, 0)), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException || !cancellationToken.IsCancellationRequested)
            {
                // Answered below: the partitions not replicated in time (or whose wait ended otherwise) get REQUEST_TIMED_OUT.
            }

            foreach (var (result, replicated) in waits)
            {
                result.ErrorCode = (short)(replicated.IsCompletedSuccessfully ? replicated.Result : ErrorCode.RequestTimedOut);
            }
        }

        return produce.Acks == 0 ? null : response;
    }

    private static ErrorCode Append(
        RequestContext context,
        ProduceRequest produce,
        TopicState? topic,
        ProduceRequest.PartitionProduceData data,
        ProduceResponse.PartitionProduceResponse result,
        out Task<ErrorCode>? replicated)
    {
        replicated = null;
        if (context.ForcedError != ErrorCode.None)
        {
            return context.ForcedError;
        }

        if (produce.Acks is not (-1 or 0 or 1))
        {
            return ErrorCode.InvalidRequiredAcks;
        }

        if (topic is null || data.Index < 0 || data.Index >= topic.Partitions.Count)
        {
            return ErrorCode.UnknownTopicOrPartition;
        }

        PartitionState partition = topic.Partitions[data.Index];
        if (data.Records is not { Length: > 0 } records)
        {
            result.ErrorMessage = "The produce request has no records.";
            return ErrorCode.CorruptMessage;
        }

        var batches = new List<ReadOnlyMemory<byte>>(1);
        if (!BatchHeader.TrySplit(records, batches, out string? problem))
        {
            result.ErrorMessage = problem;
            return ErrorCode.CorruptMessage;
        }

        if (batches.Count > 1)
        {
            // Kafka's ProduceRequest.validateRecords: from v3 on (the only versions Kafka 4 serves), exactly one batch
            // per partition, which also makes every append all or nothing.
            result.ErrorMessage = $"Produce requests with version {context.Version} are only allowed to contain exactly one record batch per partition.";
            return ErrorCode.InvalidRecord;
        }

        int maxMessageBytes = topic.GetInt("max.message.bytes");
        foreach (ReadOnlyMemory<byte> batch in batches)
        {
            if (BatchHeader.Validate(batch.Span) is { } invalid)
            {
                result.ErrorMessage = invalid;
                return ErrorCode.CorruptMessage;
            }

            if (batch.Length > maxMessageBytes)
            {
                result.ErrorMessage = $"The batch of {batch.Length} bytes is larger than max.message.bytes ({maxMessageBytes}).";
                return ErrorCode.MessageTooLarge;
            }

            if (BatchHeader.IsControl(batch.Span))
            {
                result.ErrorMessage = "Producers may not write control batches; transaction markers come from the coordinator.";
                return ErrorCode.InvalidRecord;
            }

            if (BatchHeader.IsTransactional(batch.Span) && produce.TransactionalId is null)
            {
                result.ErrorMessage = "A transactional batch in a produce request without a transactional id.";
                return ErrorCode.InvalidRecord;
            }
        }

        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        lock (partition.Sync)
        {
            if (partition.Leader != context.BrokerId)
            {
                if (context.Version >= ProduceVersions.CurrentLeader)
                {
                    // The tagged CurrentLeader field exists from v10 (KIP-951).
                    SetLeader(result, partition);
                }

                return ErrorCode.NotLeaderOrFollower;
            }

            if (produce.Acks == -1 && partition.Isr.Count < topic.GetInt("min.insync.replicas"))
            {
                result.ErrorMessage = $"The ISR has {partition.Isr.Count} replicas, fewer than min.insync.replicas.";
                return ErrorCode.NotEnoughReplicas;
            }

            bool logAppendTime = topic.LogAppendTime;
            long firstOffset = -1, lastOffset = -1;
            foreach (ReadOnlyMemory<byte> batch in batches)
            {
                ReadOnlySpan<byte> span = batch.Span;
                long producerId = BatchHeader.ProducerId(span);
                short epoch = BatchHeader.ProducerEpoch(span);
                int sequence = BatchHeader.BaseSequence(span);
                int count = BatchHeader.RecordCount(span);
                ProducerStateTable.Check check = partition.Producers.Validate(producerId, epoch, sequence, count);
                if (check.Error != ErrorCode.None)
                {
                    result.ErrorMessage = $"Producer {producerId} epoch {epoch} sequence {sequence}: {check.Error}";
                    if (firstOffset >= 0)
                    {
                        partition.AppendedLocked();
                        context.Cluster.Pump.Schedule(partition);
                    }

                    return check.Error;
                }

                if (check.IsDuplicate)
                {
                    // A retry of a batch already in the log: acknowledge it again with its original offset.
                    firstOffset = firstOffset < 0 ? check.DuplicateOfOffset : firstOffset;
                    lastOffset = Math.Max(lastOffset, check.DuplicateOfOffset + count - 1);
                    continue;
                }

                StoredBatch stored = partition.Log.Append(span, partition.LeaderEpoch, now, logAppendTime);
                partition.Producers.Record(producerId, epoch, sequence, count, stored.BaseOffset);
                if (BatchHeader.IsTransactional(span))
                {
                    partition.Transactions.Appended(producerId, stored.BaseOffset);
                }
                firstOffset = firstOffset < 0 ? stored.BaseOffset : firstOffset;
                lastOffset = stored.LastOffset;
            }

            partition.AppendedLocked();
            context.Cluster.Pump.Schedule(partition);
            return FinishAppend(partition, result, firstOffset, lastOffset, logAppendTime, now, produce.Acks, ref replicated);
        }
    }

    /// <summary>The producer id and epoch of a partition's batch when it is transactional, else null.</summary>
    private static (long ProducerId, short Epoch)? Transactional(ProduceRequest.PartitionProduceData data)
    {
        if (data.Records is not { Length: >= BatchHeader.Size } records)
        {
            return null;
        }

        ReadOnlySpan<byte> span = records.Span;
        return BatchHeader.IsTransactional(span) && !BatchHeader.IsControl(span) ? (BatchHeader.ProducerId(span), BatchHeader.ProducerEpoch(span)) : null;
    }

    private static ErrorCode FinishAppend(
        PartitionState partition,
        ProduceResponse.PartitionProduceResponse result,
        long firstOffset,
        long lastOffset,
        bool logAppendTime,
        long now,
        short acks,
        ref Task<ErrorCode>? replicated)
    {
        result.BaseOffset = firstOffset;
        result.LogAppendTimeMs = logAppendTime ? now : -1;
        result.LogStartOffset = partition.LogStartOffset;
        if (acks == -1)
        {
            replicated = partition.WaitForHighWatermarkLocked(lastOffset + 1);
        }

        return ErrorCode.None;
    }

    private static void SetLeader(ProduceResponse.PartitionProduceResponse result, PartitionState partition)
    {
        result.CurrentLeader = new ProduceResponse.LeaderIdAndEpoch { LeaderId = partition.Leader, LeaderEpoch = partition.LeaderEpoch };
    }
}
