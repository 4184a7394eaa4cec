namespace Kafka.Client.Consuming;

/// <summary>Wakes every waiter when something changed (assignment, positions, buffer space); waiting never misses a signal given after it began.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The task the next <see cref="Set"/> completes; take it before checking the condition.</summary>
    public Task Next => Volatile.Read(ref _current).Task;

    public void Set() => Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="next"/> (from <see cref="Next"/>) or the timeout; false on timeout.</summary>
    public static async Task<bool> WaitAsync(Task next, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (next.IsCompleted)
        {
            return true;
        }

        try
        {
            await next.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
