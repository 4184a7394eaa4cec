namespace Kafka.Client.Cli.Configs;

/// <summary>
/// The config lists of <c>kafka-configs.sh</c>: <c>--add-config k1=v1,k2=[a,b]</c> (square brackets group a value with
/// commas, as <c>SCRAM-SHA-256=[iterations=8192,password=...]</c>) and <c>--delete-config k1,k2</c>.
/// </summary>
internal static class ConfigText
{
    /// <exception cref="UsageException">An entry is not <c>key=value</c>, or a bracket is not closed.</exception>
    public static List<KeyValuePair<string, string>> Pairs(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (string entry in Split(text))
        {
            int equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--add-config entry '{Name(entry)}' is not KEY=VALUE.");
            }

            string value = entry[(equals + 1)..];
            pairs.Add(KeyValuePair.Create(entry[..equals].Trim(), value.StartsWith('[') && value.EndsWith(']') ? value[1..^1] : value));
        }

        return pairs;
    }

    /// <summary>The names of <c>--delete-config</c>.</summary>
    public static List<string> Names(string text) => [.. Split(text).Select(n => n.Trim()).Where(n => n.Length > 0)];

    // Never echo a value: it may be a password.
    private static string Name(string entry) => entry.Length > 40 ? entry[..40] + "..." : entry;

    private static IEnumerable<string> Split(string text)
    {
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth < 0)
            {
                throw new UsageException("A config list has a ']' without its '['.");
            }

            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (depth != 0)
        {
            throw new UsageException("A config list has a '[' without its ']'.");
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
