namespace Kafka.Client.Producing;

/// <summary>
/// The messages produced between two flushes. A flush seals the current generation and waits for every sealed
/// one to drain, so it waits only for messages produced before it (as the Java client's <c>flush()</c>), not
/// for messages other threads keep producing.
/// </summary>
internal sealed class FlushGeneration
{
    private long _pending;
    private TaskCompletionSource? _drained;

    /// <summary>Completes when the generation is sealed and all its messages were acknowledged or failed.</summary>
    public Task? Drained => Volatile.Read(ref _drained)?.Task;

    public void Added() => Interlocked.Increment(ref _pending);

    /// <summary>Counts messages done; true when this completed the sealed generation.</summary>
    public bool Finished(int messages) =>
        Interlocked.Add(ref _pending, -messages) == 0 && Volatile.Read(ref _drained) is { } drained && drained.TrySetResult();

    /// <summary>No more messages join this generation; true when it was already drained.</summary>
    public bool Seal()
    {
        Volatile.Write(ref _drained, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return Interlocked.Read(ref _pending) == 0 && _drained!.TrySetResult();
    }
}
