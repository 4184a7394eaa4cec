using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.State;

/// <summary>
/// One partition: its replicas, leader and in-sync replicas, its log, and the high watermark kept apart from the
/// log end offset as in Kafka. Replicas share the log object; each replica's log end offset says how much of it
/// that replica "has", and followers catch up through <see cref="ReplicationPump"/>.
/// </summary>
internal sealed class PartitionState
{
    private readonly Dictionary<int, long> _replicaEnds = [];
    private readonly List<(int Epoch, long StartOffset)> _epochs = [];
    private readonly List<(long Offset, TaskCompletionSource<ErrorCode> Done)> _highWatermarkWaiters = [];
    private TaskCompletionSource _dataArrived = NewSignal();

    public PartitionState(TopicState topic, int index, int[] replicas, PartitionLog log)
    {
        Topic = topic;
        Index = index;
        Replicas = replicas;
        Log = log;
        foreach (int replica in replicas)
        {
            _replicaEnds[replica] = log.LogEndOffset;
        }

        HighWatermark = log.LogEndOffset;
        Isr = [.. replicas];
        RestoreLeaderEpochs();
        RebuildProducerState();
    }

    /// <summary>
    /// For a log read back from the data directory: the leader epochs its batches carry, so the next leader gets a
    /// later epoch than any a client has seen (Kafka keeps them in its leader-epoch-checkpoint file).
    /// </summary>
    private void RestoreLeaderEpochs()
    {
        foreach (StoredBatch batch in Log.Batches)
        {
            int epoch = BatchHeader.PartitionLeaderEpoch(batch.Bytes);
            if (epoch > LeaderEpoch)
            {
                _epochs.Add((epoch, batch.BaseOffset));
                LeaderEpoch = epoch;
            }
        }
    }

    /// <summary>Guards everything in this partition.</summary>
    public object Sync { get; } = new();

    public TopicState Topic { get; }

    public int Index { get; }

    public int[] Replicas { get; set; }

    public List<int> Isr { get; private set; }

    /// <summary>The leader's broker id, or -1 while the partition is offline.</summary>
    public int Leader { get; private set; } = -1;

    public int LeaderEpoch { get; private set; } = -1;

    public PartitionLog Log { get; }

    public long HighWatermark { get; private set; }

    public long LogEndOffset => Log.LogEndOffset;

    public long LogStartOffset => Log.LogStartOffset;

    public ProducerStateTable Producers { get; } = new();

    /// <summary>The open and aborted transactions of the partition.</summary>
    public TransactionIndex Transactions { get; } = new();

    /// <summary>
    /// The last stable offset: below it every transaction has ended, so read_committed readers stop there (the high
    /// watermark, or the first offset of the oldest open transaction when that is lower).
    /// </summary>
    public long LastStableOffset => Transactions.FirstOpenOffset is { } open ? Math.Min(open, HighWatermark) : HighWatermark;

    /// <summary>Completes when data is appended or the partition changes (fetch long-polls wait on it).</summary>
    public Task DataArrived
    {
        get
        {
            lock (Sync)
            {
                return _dataArrived.Task;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes fetchers waiting on this partition. Call with <see cref="Sync"/> held.</summary>
    public void SignalLocked()
    {
        TaskCompletionSource signal = _dataArrived;
        _dataArrived = NewSignal();
        signal.TrySetResult();
    }

    /// <summary>Makes <paramref name="leader"/> the leader with a new epoch. Call with <see cref="Sync"/> held.</summary>
    public void ElectLocked(int leader)
    {
        if (leader >= 0 && _replicaEnds.TryGetValue(leader, out long end) && end < Log.LogEndOffset)
        {
            // The new leader has less than the log: what only the old leader had is gone, as in Kafka.
            Log.TruncateTo(Math.Max(end, HighWatermark));
            RebuildProducerState();
            foreach (int replica in Replicas)
            {
                _replicaEnds[replica] = Math.Min(_replicaEnds[replica], Log.LogEndOffset);
            }
        }

        Leader = leader;
        LeaderEpoch++;
        if (leader >= 0)
        {
            _epochs.Add((LeaderEpoch, Log.LogEndOffset));
            _replicaEnds[leader] = Log.LogEndOffset;
        }

        UpdateHighWatermarkLocked();
        SignalLocked();
    }

    public void RemoveFromIsrLocked(int broker)
    {
        // Kafka never empties the ISR: the last member stays, and the partition is offline until it returns.
        if (Isr.Count > 1)
        {
            Isr.Remove(broker);
        }

        UpdateHighWatermarkLocked();
    }

    /// <summary>A follower fetched up to the leader's log end: it has everything now and is in sync.</summary>
    /// <returns>True when the follower (re)joined the ISR with this catch-up.</returns>
    public bool CatchUpLocked(int broker)
    {
        _replicaEnds[broker] = Log.LogEndOffset;
        bool joined = false;
        if (!Isr.Contains(broker))
        {
            Isr.Add(broker);
            Isr.Sort((a, b) => Array.IndexOf(Replicas, a).CompareTo(Array.IndexOf(Replicas, b)));
            joined = true;
        }

        UpdateHighWatermarkLocked();
        return joined;
    }

    /// <summary>After an append: the leader has the data; followers get it from the replication pump.</summary>
    public void AppendedLocked()
    {
        if (Leader >= 0)
        {
            _replicaEnds[Leader] = Log.LogEndOffset;
        }

        UpdateHighWatermarkLocked();
        SignalLocked();
    }

    /// <summary>Waits until the high watermark reaches <paramref name="offset"/> (acks=all), or fails with the reason.</summary>
    public Task<ErrorCode> WaitForHighWatermarkLocked(long offset)
    {
        if (HighWatermark >= offset)
        {
            return Task.FromResult(ErrorCode.None);
        }

        var done = new TaskCompletionSource<ErrorCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _highWatermarkWaiters.Add((offset, done));
        return done.Task;
    }

    /// <summary>The end offset of <paramref name="epoch"/> (OffsetForLeaderEpoch): the start of the next epoch, or the log end.</summary>
    public (int Epoch, long EndOffset) EndOffsetForEpochLocked(int epoch)
    {
        for (int i = _epochs.Count - 1; i >= 0; i--)
        {
            if (_epochs[i].Epoch <= epoch)
            {
                long end = i + 1 < _epochs.Count ? _epochs[i + 1].StartOffset : Log.LogEndOffset;
                return (_epochs[i].Epoch, end);
            }
        }

        return (-1, -1);
    }

    /// <summary>Fails waiting acks=all producers, for example when leadership moves away.</summary>
    public void FailWaitersLocked(ErrorCode error)
    {
        foreach (var (_, done) in _highWatermarkWaiters)
        {
            done.TrySetResult(error);
        }

        _highWatermarkWaiters.Clear();
    }

    private void UpdateHighWatermarkLocked()
    {
        if (Leader < 0)
        {
            return;
        }

        long minimum = Log.LogEndOffset;
        foreach (int replica in Isr)
        {
            minimum = Math.Min(minimum, _replicaEnds.GetValueOrDefault(replica));
        }

        if (minimum < Log.LogStartOffset)
        {
            minimum = Log.LogStartOffset;
        }

        if (minimum <= HighWatermark && HighWatermark <= Log.LogEndOffset)
        {
            return;
        }

        HighWatermark = Math.Min(Math.Max(minimum, HighWatermark), Log.LogEndOffset);
        for (int i = _highWatermarkWaiters.Count - 1; i >= 0; i--)
        {
            if (_highWatermarkWaiters[i].Offset <= HighWatermark)
            {
                _highWatermarkWaiters[i].Done.TrySetResult(ErrorCode.None);
                _highWatermarkWaiters.RemoveAt(i);
            }
        }

        SignalLocked();
    }

    public long ReplicaEndLocked(int broker) => _replicaEnds.GetValueOrDefault(broker);

    /// <summary>Moves the log start (DeleteRecords, retention) and keeps the high watermark inside the log.</summary>
    public void LogStartMovedLocked()
    {
        if (HighWatermark < Log.LogStartOffset)
        {
            HighWatermark = Log.LogStartOffset;
        }

        SignalLocked();
    }

    private void RebuildProducerState()
    {
        Producers.Clear();
        Transactions.TruncatedTo(0);
        foreach (StoredBatch batch in Log.Batches)
        {
            ReadOnlySpan<byte> bytes = batch.Bytes;
            long producerId = BatchHeader.ProducerId(bytes);
            if (BatchHeader.IsControl(bytes))
            {
                Producers.Fence(producerId, BatchHeader.ProducerEpoch(bytes));
                Transactions.Ended(producerId, TransactionMarkers.IsCommit(batch.Bytes), batch.BaseOffset);
                continue;
            }

            Producers.Record(producerId, BatchHeader.ProducerEpoch(bytes), BatchHeader.BaseSequence(bytes), BatchHeader.RecordCount(bytes), batch.BaseOffset);
            if (BatchHeader.IsTransactional(bytes))
            {
                Transactions.Appended(producerId, batch.BaseOffset);
            }
        }
    }
}
