namespace Kafka.Client.Producing;

/// <summary>
/// Marks the threads that are running delivery handlers, so that a handler calling <c>Produce</c> again queues its
/// message rather than blocking the thread that reports (and frees the memory of) other batches.
/// </summary>
internal static class DeliveryReporting
{
    [ThreadStatic]
    private static int t_depth;

    /// <summary>True while this thread runs delivery handlers.</summary>
    public static bool OnThisThread => t_depth > 0;

    /// <summary>Marks this thread until the returned scope is disposed.</summary>
    public static Scope Enter()
    {
        t_depth++;
        return default;
    }

    /// <summary>Ends a <see cref="Enter"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        public void Dispose() => t_depth--;
    }
}
