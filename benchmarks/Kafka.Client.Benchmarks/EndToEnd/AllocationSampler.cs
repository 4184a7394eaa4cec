using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>
/// Samples the runtime's GC AllocationTick events (one per ~100 KB allocated) and tallies them by type, so a
/// run with <c>--alloc-types</c> shows where the bytes counted in <see cref="Measurement"/> come from.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _recording;

    /// <summary>Starts counting samples, dropping earlier ones.</summary>
    public void Start()
    {
        _bytesByType.Clear();
        _recording = true;
    }

    /// <summary>Stops counting and writes the types that took the most sampled bytes.</summary>
    public void StopAndPrint(string name, int messages, int top = 12)
    {
        _recording = false;
        Console.WriteLine($"  allocation samples for {name}:");
        foreach ((string type, long bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {bytes / (double)messages,8:F1} B/msg  {type}"));
        }
    }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        string type = eventData.Payload![typeIndex] as string ?? "?";
        long amount = Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
    }
}
