using System.Diagnostics;

namespace Kafka.Client.Cli.Perf;

/// <summary>Milliseconds of a monotonic clock, as the perf tools measure (Kafka's use <c>System.currentTimeMillis</c>).</summary>
internal static class PerfClock
{
    public static long NowMs => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;
}
