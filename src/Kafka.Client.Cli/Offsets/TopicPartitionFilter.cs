using System.Globalization;
using System.Text.RegularExpressions;

namespace Kafka.Client.Cli.Offsets;

/// <summary>
/// Which partitions <c>kafka offsets</c> looks at, as <c>kafka-get-offsets.sh</c> chooses them (Kafka's GetOffsetShell
/// and its TopicFilter.IncludeList): a topic regex that must match the whole name, with commas read as '|', and a
/// partition rule. A partition is looked at when any rule allows it.
/// </summary>
internal sealed class TopicPartitionFilter
{
    // GetOffsetShell's TOPIC_PARTITION_PATTERN: TOPIC_REGEX[:N | :N-M | :N- | :-M].
    private static readonly Regex RuleSpec = new(@"\A([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?\z", RegexOptions.CultureInvariant);

    private readonly List<(Regex Topic, Func<int, bool> Partition)> _rules;

    private TopicPartitionFilter(List<(Regex Topic, Func<int, bool> Partition)> rules) => _rules = rules;

    /// <summary>From <c>--topic REGEX</c> (every topic when null) and <c>--partitions 0,1</c> (every partition when null or empty).</summary>
    /// <exception cref="UsageException">The regex is invalid, or a partition id is not a number.</exception>
    public static TopicPartitionFilter FromTopicAndPartitions(string? topic, string? partitions)
    {
        HashSet<int> ids = [];
        if (!string.IsNullOrEmpty(partitions))
        {
            foreach (string id in partitions.Split(','))
            {
                if (!int.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                {
                    throw new UsageException($"--partitions expects a comma separated list of numeric partition ids, but received: {partitions}");
                }

                ids.Add(value);
            }
        }

        return new TopicPartitionFilter([(TopicRegex(topic ?? ".*"), p => ids.Count == 0 || ids.Contains(p))]);
    }

    /// <summary>From <c>--topic-partitions topic1:1,topic2:0-3,topic3,topic4:5-,:-3</c> (ranges: lower inclusive, upper exclusive).</summary>
    /// <exception cref="UsageException">A rule does not have that form, or its regex is invalid.</exception>
    public static TopicPartitionFilter FromPatternList(string topicPartitions)
    {
        var rules = new List<(Regex, Func<int, bool>)>();
        foreach (string spec in topicPartitions.Split(','))
        {
            Match match = RuleSpec.Match(spec);
            if (!match.Success)
            {
                throw new UsageException($"Invalid rule specification: {spec}");
            }

            string? Group(int index) => match.Groups[index].Success && match.Groups[index].Value.Length > 0 ? match.Groups[index].Value : null;
            Regex topic = TopicRegex(Group(1) ?? ".*");
            if (Group(2) is { } single)
            {
                int only = Number(single, spec);
                rules.Add((topic, p => p == only));
            }
            else
            {
                int lower = Group(3) is { } l ? Number(l, spec) : 0;
                int upper = Group(4) is { } u ? Number(u, spec) : int.MaxValue;
                rules.Add((topic, p => p >= lower && p < upper));
            }
        }

        return new TopicPartitionFilter(rules);
    }

    /// <summary>Whether some rule allows topic <paramref name="topic"/>.</summary>
    public bool IsTopicAllowed(string topic) => _rules.Any(r => r.Topic.IsMatch(topic));

    /// <summary>Whether some rule allows partition <paramref name="partition"/> of <paramref name="topic"/>.</summary>
    public bool IsAllowed(string topic, int partition) => _rules.Any(r => r.Topic.IsMatch(topic) && r.Partition(partition));

    /// <summary>A Java regex as Kafka's TopicFilter prepares it (trimmed, ',' as '|', blanks and surrounding quotes removed), matching whole names.</summary>
    private static Regex TopicRegex(string raw)
    {
        string regex = raw.Trim().Replace(',', '|').Replace(" ", "", StringComparison.Ordinal).TrimStart('"', '\'').TrimEnd('"', '\'');
        try
        {
            return new Regex($@"\A(?:{regex})\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            throw new UsageException($"{regex} is an invalid regex.");
        }
    }

    private static int Number(string text, string spec) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : throw new UsageException($"Invalid rule specification: {spec}");
}
