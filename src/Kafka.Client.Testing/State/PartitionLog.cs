using System.Buffers;
using Kafka.Client.Protocol;
using Kafka.Client.Testing.Storage;

namespace Kafka.Client.Testing.State;

/// <summary>
/// The log of one partition: record batches kept as received (no object per record), found by binary search on
/// their offsets, with retention by size and time. Not thread-safe: <see cref="PartitionState"/> locks around it.
/// </summary>
internal sealed class PartitionLog
{
    private readonly List<StoredBatch> _batches = [];
    private readonly SegmentStore? _store;
    private long _bytes;

    public PartitionLog(SegmentStore? store)
    {
        _store = store;
        if (store is not null)
        {
            List<StoredBatch> recovered = store.Recover(out long logStart);
            foreach (StoredBatch batch in recovered)
            {
                _batches.Add(batch);
                _bytes += batch.Size;
            }

            LogStartOffset = logStart;
            LogEndOffset = _batches.Count > 0 ? _batches[^1].NextOffset : logStart;
            if (LogStartOffset > LogEndOffset)
            {
                LogEndOffset = LogStartOffset;
            }
        }
    }

    public long LogStartOffset { get; private set; }

    public long LogEndOffset { get; private set; }

    public long SizeInBytes => _bytes;

    public int BatchCount => _batches.Count;

    /// <summary>The stored batches, oldest first.</summary>
    public IReadOnlyList<StoredBatch> Batches => _batches;

    /// <summary>Appends a validated batch: writes its base offset and leader epoch; returns the stored batch.</summary>
    public StoredBatch Append(ReadOnlySpan<byte> batch, int leaderEpoch, long nowMs, bool logAppendTime)
    {
        byte[] bytes = batch.ToArray();
        long baseOffset = LogEndOffset;
        RecordBatchRewriter.SetBaseOffset(bytes, baseOffset);
        RecordBatchRewriter.SetPartitionLeaderEpoch(bytes, leaderEpoch);
        if (logAppendTime)
        {
            RecordBatchRewriter.SetLogAppendTime(bytes, nowMs);
        }

        var stored = new StoredBatch(baseOffset, baseOffset + BatchHeader.LastOffsetDelta(bytes), BatchHeader.MaxTimestamp(bytes), nowMs, bytes);
        _batches.Add(stored);
        _bytes += stored.Size;
        LogEndOffset = stored.NextOffset;
        _store?.Append(stored);
        return stored;
    }

    /// <summary>Index of the first batch whose last offset is at or after <paramref name="offset"/>, or Count.</summary>
    private int FindBatch(long offset)
    {
        int low = 0, high = _batches.Count - 1, found = _batches.Count;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            if (_batches[mid].LastOffset >= offset)
            {
                found = mid;
                high = mid - 1;
            }
            else
            {
                low = mid + 1;
            }
        }

        return found;
    }

    /// <summary>
    /// Copies whole batches from <paramref name="offset"/> up to (not including) <paramref name="endOffset"/> into
    /// <paramref name="output"/>, stopping before <paramref name="maxBytes"/> would be passed; when
    /// <paramref name="minOneBatch"/> is set the first batch is copied even if it is larger (KIP-74).
    /// </summary>
    /// <returns>The bytes copied.</returns>
    public int Read(long offset, long endOffset, int maxBytes, bool minOneBatch, IBufferWriter<byte> output)
    {
        int written = 0;
        for (int i = FindBatch(offset); i < _batches.Count; i++)
        {
            StoredBatch batch = _batches[i];
            if (batch.NextOffset > endOffset)
            {
                break;
            }

            if (written + batch.Size > maxBytes && !(minOneBatch && written == 0))
            {
                break;
            }

            output.Write(batch.Bytes);
            written += batch.Size;
        }

        return written;
    }

    /// <summary>Bytes available from <paramref name="offset"/> up to <paramref name="endOffset"/>.</summary>
    public long BytesAvailable(long offset, long endOffset)
    {
        long total = 0;
        for (int i = FindBatch(offset); i < _batches.Count && _batches[i].NextOffset <= endOffset; i++)
        {
            total += _batches[i].Size;
        }

        return total;
    }

    /// <summary>
    /// The first record at or after the log start whose timestamp is at or after <paramref name="timestamp"/>, with that
    /// timestamp; (-1, -1) when none. As Kafka's LogSegment.findOffsetByTimestamp: the first batch whose max timestamp
    /// reaches it, then the first such record inside it.
    /// </summary>
    public (long Offset, long Timestamp) OffsetForTimestamp(long timestamp, long endOffset)
    {
        foreach (StoredBatch batch in _batches)
        {
            if (batch.NextOffset > endOffset)
            {
                break;
            }

            if (batch.MaxTimestamp < timestamp)
            {
                continue;
            }

            foreach (RecordBatch records in new RecordBatchReader(batch.Bytes, verifyCrc: false))
            {
                foreach (Record record in records.GetRecords())
                {
                    if (record.Timestamp >= timestamp && record.Offset >= LogStartOffset)
                    {
                        return (record.Offset, record.Timestamp);
                    }
                }
            }
        }

        return (-1, -1);
    }

    /// <summary>The offset and timestamp of the record with the largest timestamp (ListOffsets MAX_TIMESTAMP).</summary>
    public (long Offset, long Timestamp) MaxTimestamp(long endOffset)
    {
        long best = -1, offset = -1;
        foreach (StoredBatch batch in _batches)
        {
            if (batch.NextOffset > endOffset)
            {
                break;
            }

            if (batch.MaxTimestamp > best)
            {
                best = batch.MaxTimestamp;
                offset = batch.LastOffset;
            }
        }

        return (offset, best);
    }

    /// <summary>Removes everything at and after <paramref name="offset"/> (a new leader had less).</summary>
    public void TruncateTo(long offset)
    {
        if (offset >= LogEndOffset)
        {
            return;
        }

        int index = FindBatch(offset);
        for (int i = _batches.Count - 1; i >= index; i--)
        {
            _bytes -= _batches[i].Size;
            _batches.RemoveAt(i);
        }

        LogEndOffset = _batches.Count > 0 ? _batches[^1].NextOffset : Math.Max(LogStartOffset, offset);
        _store?.Rewrite(_batches, LogStartOffset);
    }

    /// <summary>Moves the log start to <paramref name="offset"/> (DeleteRecords), dropping whole batches before it.</summary>
    public void DeleteBefore(long offset)
    {
        if (offset <= LogStartOffset)
        {
            return;
        }

        LogStartOffset = Math.Min(offset, LogEndOffset);
        DropBatches(b => b.NextOffset <= LogStartOffset);
    }

    /// <summary>Applies retention.ms and retention.bytes: drops the oldest batches, never the active tail.</summary>
    /// <summary>
    /// Drops the oldest batches that are older than <paramref name="retentionMs"/> or beyond <paramref name="retentionBytes"/>;
    /// as Kafka's UnifiedLog.deleteOldSegments, never the last batch and never one above <paramref name="highWatermark"/>,
    /// which not every in-sync replica has yet.
    /// </summary>
    public void ApplyRetention(long nowMs, long retentionMs, long retentionBytes, long highWatermark)
    {
        long excess = retentionBytes >= 0 ? _bytes - retentionBytes : 0;
        int drop = 0;
        while (drop < _batches.Count - 1 && _batches[drop].NextOffset <= highWatermark)
        {
            StoredBatch batch = _batches[drop];
            bool tooOld = retentionMs >= 0 && nowMs - batch.AppendTimeMs > retentionMs;
            if (!tooOld && excess <= 0)
            {
                break;
            }

            excess -= batch.Size;
            drop++;
        }

        if (drop > 0)
        {
            LogStartOffset = Math.Max(LogStartOffset, _batches[drop - 1].NextOffset);
            DropBatches(b => b.NextOffset <= LogStartOffset);
        }
    }

    private void DropBatches(Predicate<StoredBatch> drop)
    {
        int count = 0;
        while (count < _batches.Count && drop(_batches[count]))
        {
            _bytes -= _batches[count].Size;
            count++;
        }

        if (count > 0)
        {
            _batches.RemoveRange(0, count);
        }

        _store?.Rewrite(_batches, LogStartOffset);
    }

    /// <summary>Flushes segment files, if any.</summary>
    public void Flush() => _store?.Flush();

    public void Close() => _store?.Dispose();
}
