namespace Kafka.Client.Testing.State;

/// <summary>One record batch as the log keeps it: the bytes as received, with the broker's offsets and epoch written in.</summary>
internal sealed class StoredBatch(long baseOffset, long lastOffset, long maxTimestamp, long appendTimeMs, byte[] bytes)
{
    public long BaseOffset { get; } = baseOffset;

    public long LastOffset { get; } = lastOffset;

    public long MaxTimestamp { get; } = maxTimestamp;

    /// <summary>When the broker appended it (for time retention).</summary>
    public long AppendTimeMs { get; } = appendTimeMs;

    public byte[] Bytes { get; } = bytes;

    public int Size => Bytes.Length;

    public long NextOffset => LastOffset + 1;
}
