using System.Diagnostics;

namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>One client's figures in an end-to-end run.</summary>
internal sealed record Measurement(string Name, double MessagesPerSecond, double CpuNsPerMessage, double AllocatedBytesPerMessage, string Collections = "")
{
    /// <summary>Runs <paramref name="run"/> and measures wall time, this process's CPU time and managed allocations per message.</summary>
    public static async Task<Measurement> RunAsync(string name, int messages, Func<Task> run, AllocationSampler? sampler = null)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        sampler?.Start();
        var watch = Stopwatch.StartNew();
        await run();
        watch.Stop();
        sampler?.StopAndPrint(name, messages);
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds * 1e6 / messages;
        double allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)messages;
        string collections = $"gc {GC.CollectionCount(0) - collectionsBefore[0]}/{GC.CollectionCount(1) - collectionsBefore[1]}/{GC.CollectionCount(2) - collectionsBefore[2]}";
        return new Measurement(name, messages / watch.Elapsed.TotalSeconds, cpu, allocated, collections);
    }
}
