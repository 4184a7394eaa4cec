using Kafka.Client.Diagnostics;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming;

/// <summary>The fetch loop of one broker and what it does with each answer.</summary>
internal sealed partial class Fetcher
{
    private async Task FetchFromBrokerAsync(int nodeId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var session = new FetchSession();
        var pause = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (Interlocked.Read(ref _bufferedBytes) >= _settings.BufferLimitBytes)
                {
                    Task drained = _drained.Next;
                    if (Interlocked.Read(ref _bufferedBytes) >= _settings.BufferLimitBytes)
                    {
                        await AsyncSignal.WaitAsync(drained, pause, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }

                Task changed = _subscriptions.Changed.Next;
                List<FetchTarget> targets = SelectTargets(nodeId);
                if (targets.Count == 0)
                {
                    await AsyncSignal.WaitAsync(changed, pause, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                KafkaConnection connection = await _cluster.ConnectionToAsync(nodeId, cancellationToken).ConfigureAwait(false);
                FetchRequest request = session.Build(targets, _settings);
                FetchResponse response = await connection.SendAsync(request, cancellationToken,
                    _settings.RequestTimeout + TimeSpan.FromMilliseconds(_settings.MaxWaitMs)).ConfigureAwait(false);
                if (!session.OnResponse(response))
                {
                    LogMessages.LogFetchFailed(_logger, nodeId, ((ErrorCode)response.ErrorCode).ToString());
                    continue;
                }

                Handle(nodeId, session, response);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A broker's fetch loop must outlive any failure; it logs, backs off and starts a new session.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogMessages.LogFetchFailed(_logger, nodeId, e.Message);
                session.Reset();
                _cluster.RequestRefresh();
                await DelayAsync(_settings.RetryBackoff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private List<FetchTarget> SelectTargets(int nodeId)
    {
        var targets = new List<FetchTarget>();
        long now = Environment.TickCount64;
        lock (_subscriptions.Sync)
        {
            foreach (PartitionState state in _subscriptions.Partitions)
            {
                if (!state.IsFetchable || state.RetryAt > now)
                {
                    continue;
                }

                int leader = _cluster.LeaderOf(state.TopicPartition, out int epoch, out KafkaUuid topicId);
                if (leader == nodeId)
                {
                    targets.Add(new FetchTarget(state, state.Version, state.FetchPosition, topicId, epoch));
                }
            }
        }

        return targets;
    }

    private void Handle(int nodeId, FetchSession session, FetchResponse response)
    {
        Dictionary<KafkaUuid, string>? names = null;
        foreach (FetchResponse.FetchableTopicResponse topic in response.Responses)
        {
            string name = topic.Topic;
            if (string.IsNullOrEmpty(name))
            {
                names ??= session.Partitions.Values.GroupBy(t => t.TopicId).ToDictionary(g => g.Key, g => g.First().State.TopicPartition.Topic);
                if (!names.TryGetValue(topic.TopicId, out name!))
                {
                    continue;
                }
            }

            foreach (FetchResponse.PartitionData partition in topic.Partitions)
            {
                if (session.Partitions.TryGetValue(new TopicPartition(name, partition.PartitionIndex), out FetchTarget? target))
                {
                    HandlePartition(nodeId, target, partition);
                }
            }
        }
    }

    private void HandlePartition(int nodeId, FetchTarget target, FetchResponse.PartitionData data)
    {
        PartitionState state = target.State;
        var error = (ErrorCode)data.ErrorCode;
        lock (_subscriptions.Sync)
        {
            if (!state.Assigned || state.Version != target.Version || state.FetchPosition != target.FetchOffset)
            {
                return; // sought, paused or revoked since the request was sent
            }

            switch (error)
            {
                case ErrorCode.None:
                    state.HighWatermark = data.HighWatermark;
                    state.LastStableOffset = data.LastStableOffset;
                    state.LogStartOffset = data.LogStartOffset;
                    Accept(state, target, data);
                    return;
                case ErrorCode.OffsetOutOfRange:
                    LogMessages.LogOutOfRange(_logger, target.FetchOffset, state.TopicPartition.ToString());
                    state.State = PositionState.NeedsReset;
                    state.ResetTo = null;
                    state.Version++;
                    break;
                case ErrorCode.NotLeaderOrFollower or ErrorCode.LeaderNotAvailable or ErrorCode.FencedLeaderEpoch
                    or ErrorCode.UnknownLeaderEpoch or ErrorCode.UnknownTopicOrPartition or ErrorCode.UnknownTopicId
                    or ErrorCode.KafkaStorageError or ErrorCode.OffsetNotAvailable or ErrorCode.InconsistentTopicId
                    or ErrorCode.ReplicaNotAvailable:
                    LogMessages.LogPartitionError(_logger, state.TopicPartition.ToString(), nodeId, error.ToString());
                    state.RetryAt = Environment.TickCount64 + (long)_settings.RetryBackoff.TotalMilliseconds;
                    _cluster.RequestRefresh();
                    return;
                default:
                    state.State = PositionState.Failed;
                    state.Error = new KafkaException(error, topicPartition: state.TopicPartition);
                    break;
            }
        }

        _subscriptions.Publish();
    }

    private void Accept(PartitionState state, FetchTarget target, FetchResponse.PartitionData data)
    {
        ReadOnlyMemory<byte> records = data.Records ?? ReadOnlyMemory<byte>.Empty;
        long next = target.FetchOffset;
        try
        {
            foreach (RecordBatch batch in new RecordBatchReader(records, verifyCrc: false))
            {
                next = Math.Max(next, batch.NextOffset);
            }
        }
        catch (KafkaProtocolException e)
        {
            state.State = PositionState.Failed;
            state.Error = new KafkaException(ErrorCode.CorruptMessage,
                $"The records of {state.TopicPartition} fetched at offset {target.FetchOffset} are corrupt ({e.Message}); seek past them to go on.", state.TopicPartition, e);
            _subscriptions.Publish();
            return;
        }

        if (next == target.FetchOffset)
        {
            return; // nothing new, or only part of a batch
        }

        state.FetchPosition = next;
        AbortedTransactionFilter? aborted = _settings.IsolationLevel == 1 && data.AbortedTransactions is { Count: > 0 } list ? new AbortedTransactionFilter(list) : null;
        var fetched = new FetchedPartition(state, target.Version, records, aborted, _settings.CheckCrcs);
        Interlocked.Add(ref _bufferedBytes, fetched.Size);
        _ready.Writer.TryWrite(fetched);
    }
}
