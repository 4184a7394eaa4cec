using System.Globalization;

namespace Kafka.Client.Cli.Offsets;

/// <summary>The <c>--time</c> of <c>kafka offsets</c>, read as Kafka's GetOffsetShell.parseOffsetSpec reads it.</summary>
internal static class OffsetTime
{
    /// <summary>
    /// <c>-1</c> or <c>latest</c>, <c>-2</c> or <c>earliest</c>, <c>-3</c> or <c>max-timestamp</c>, or a Unix time in ms
    /// (the first offset whose timestamp is at or after it). Kafka's tiered-storage specs (-4, -5, -6) are not offered:
    /// the embedded broker has no tiered storage.
    /// </summary>
    /// <exception cref="UsageException">Anything else.</exception>
    public static OffsetSpec Parse(string time) => time switch
    {
        "latest" or "-1" => OffsetSpec.Latest,
        "earliest" or "-2" => OffsetSpec.Earliest,
        "max-timestamp" or "-3" => OffsetSpec.MaxTimestamp,
        _ when long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out long timestamp) => OffsetSpec.ForTimestamp(timestamp),
        _ => throw new UsageException($"Malformed time argument {time}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp, or a specified long format timestamp"),
    };
}
