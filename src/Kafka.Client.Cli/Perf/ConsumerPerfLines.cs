using System.Globalization;

namespace Kafka.Client.Cli.Perf;

/// <summary>
/// The lines of <c>kafka perf consume</c>, formatted as Kafka's ConsumerPerformance prints them (MB are MiB, rates
/// per second with four decimals).
/// </summary>
internal static class ConsumerPerfLines
{
    private const double Megabyte = 1024.0 * 1024.0;

    // ConsumerPerformance.printHeader.
    private const string NewFields = ", rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";

    public static string Header(bool detailed) =>
        (detailed ? "time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec" : "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec") + NewFields;

    /// <summary>The summary: <c>start, end, MB, MB/s, messages, messages/s, rebalance ms, fetch ms, fetch MB/s, fetch messages/s</c>.</summary>
    public static string Total(JavaDateFormat dates, long startMs, long endMs, long bytes, long messages, long rebalanceMs)
    {
        double elapsedSeconds = (endMs - startMs) / 1000.0;
        long fetchMs = endMs - startMs - rebalanceMs;
        double megabytes = bytes / Megabyte;
        return string.Create(CultureInfo.InvariantCulture,
            $"{dates.Format(startMs)}, {dates.Format(endMs)}, {megabytes:F4}, {Rate(megabytes, elapsedSeconds):F4}, {messages}, {Rate(messages, elapsedSeconds):F4}, {rebalanceMs}, {fetchMs}, {Rate(megabytes, fetchMs / 1000.0):F4}, {Rate(messages, fetchMs / 1000.0):F4}");
    }

    /// <summary>
    /// A detailed line for one interval: <c>time, 0, MB so far, interval MB/s, messages so far, interval messages/s,
    /// rebalance ms in the interval, fetch ms, fetch MB/s, fetch messages/s</c>.
    /// </summary>
    public static string Interval(JavaDateFormat dates, long fromMs, long toMs, long bytes, long lastBytes, long messages, long lastMessages, long rebalanceMs)
    {
        double elapsedMs = toMs - fromMs;
        double intervalMegabytes = (bytes - lastBytes) / Megabyte;
        long fetchMs = toMs - fromMs - rebalanceMs;
        return string.Create(CultureInfo.InvariantCulture,
            $"{dates.Format(toMs)}, 0, {bytes / Megabyte:F4}, {1000.0 * intervalMegabytes / elapsedMs:F4}, {messages}, {(messages - lastMessages) / elapsedMs * 1000.0:F4}, {rebalanceMs}, {fetchMs}, {(fetchMs <= 0 ? 0.0 : 1000.0 * intervalMegabytes / fetchMs):F4}, {(fetchMs <= 0 ? 0.0 : 1000.0 * (messages - lastMessages) / fetchMs):F4}");
    }

    // A run that took no time has no rate (Java would print Infinity or NaN).
    private static double Rate(double amount, double seconds) => seconds > 0 ? amount / seconds : 0;
}
