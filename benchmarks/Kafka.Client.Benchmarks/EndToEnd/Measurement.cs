using System.Diagnostics;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>One client's figures in an end-to-end run.</summary>
internal sealed record Measurement(string Name, double MessagesPerSecond, double CpuNsPerMessage, double AllocatedBytesPerMessage)
{
    /// <summary>Runs <paramref name="run"/> and measures wall time, this process's CPU time and managed allocations per message.</summary>
    public static async Task<Measurement> RunAsync(string name, int messages, Func<Task> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await run();
        watch.Stop();
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds * 1e6 / messages;
        double allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)messages;
        return new Measurement(name, messages / watch.Elapsed.TotalSeconds, cpu, allocated);
    }
}
