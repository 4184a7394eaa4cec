using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>One topic as the consumer group coordinator sees it: name, id and partition count.</summary>
internal sealed record TopicInfo(string Name, KafkaUuid Id, int Partitions);

/// <summary>
/// Resolves what members subscribe to into topics: names that exist, and the topics a <c>SubscribedTopicRegex</c>
/// matches whole. Kafka compiles it with RE2/J (linear time: no backreferences or lookarounds); here it is .NET's
/// non-backtracking engine, which refuses the same constructs, so a pattern Kafka refuses is refused here too, with
/// INVALID_REGULAR_EXPRESSION. Internal topics never match a regex, as in Kafka.
/// </summary>
internal static class TopicSubscriptions
{
    private static readonly ConcurrentDictionary<string, Regex> s_compiled = new(StringComparer.Ordinal);

    /// <summary>The problem with <paramref name="pattern"/> as Kafka words it, or null when it compiles.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            Compile(pattern);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return $"SubscribedTopicRegex `{pattern}` is not a valid regular expression: {e.Message}.";
        }
    }

    /// <summary>The ids of the topics <paramref name="member"/> subscribes to, from <paramref name="topics"/> by name.</summary>
    public static HashSet<KafkaUuid> Resolve(ConsumerGroupMember member, IReadOnlyDictionary<string, TopicInfo> topics)
    {
        var ids = new HashSet<KafkaUuid>();
        foreach (string name in member.SubscribedTopicNames)
        {
            if (topics.TryGetValue(name, out TopicInfo? topic))
            {
                ids.Add(topic.Id);
            }
        }

        if (member.SubscribedTopicRegex is { Length: > 0 } pattern && Problem(pattern) is null)
        {
            Regex regex = Compile(pattern);
            foreach (TopicInfo topic in topics.Values)
            {
                if (!topic.Name.StartsWith("__", StringComparison.Ordinal) && regex.IsMatch(topic.Name))
                {
                    ids.Add(topic.Id);
                }
            }
        }

        return ids;
    }

    /// <summary>True when <paramref name="pattern"/> (valid or not) matches the whole of <paramref name="topic"/>.</summary>
    public static bool Matches(string pattern, string topic) =>
        pattern.Length > 0 && Problem(pattern) is null && !topic.StartsWith("__", StringComparison.Ordinal) && Compile(pattern).IsMatch(topic);

    private static Regex Compile(string pattern) =>
        s_compiled.GetOrAdd(pattern, p => new Regex($"^(?:{p})$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}
