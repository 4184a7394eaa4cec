namespace Kafka.Client.Cli.Perf;

/// <summary>What one <c>kafka perf consume</c> run does (its flags, checked).</summary>
/// <param name="Topic">The topic to consume (<c>--topic</c>), or null with <paramref name="Include"/>.</param>
/// <param name="Include">A regex of topics to consume (<c>--include</c>), or null with <paramref name="Topic"/>.</param>
/// <param name="Messages">How many messages to consume (<c>--messages</c>).</param>
/// <param name="TimeoutMs">The longest wait between two records before giving up (<c>--timeout</c>).</param>
/// <param name="ReportingIntervalMs">How often detailed stats (<c>--show-detailed-stats</c>) or the progress line are printed.</param>
/// <param name="ShowDetailedStats">Print a line of figures per interval instead of the total.</param>
/// <param name="HideHeader">Leave out the header line.</param>
/// <param name="DateFormat">How times are printed (<c>--date-format</c>).</param>
internal sealed record ConsumerPerfSettings(
    string? Topic, string? Include, long Messages, long TimeoutMs, long ReportingIntervalMs, bool ShowDetailedStats, bool HideHeader, JavaDateFormat DateFormat);
