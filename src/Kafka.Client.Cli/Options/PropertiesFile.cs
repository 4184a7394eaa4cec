namespace Kafka.Client.Cli.Options;

/// <summary>
/// A Java <c>.properties</c> file as Kafka's tools read them (<c>--producer.config</c>): <c>key=value</c>,
/// <c>key: value</c> or <c>key value</c> per line; lines starting with <c>#</c> or <c>!</c> are comments.
/// Line continuations and escapes are not supported.
/// </summary>
internal static class PropertiesFile
{
    private static readonly char[] Separators = ['=', ':', ' ', '\t'];

    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<List<KeyValuePair<string, string>>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (string raw in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            // The key ends at '=', ':' or a blank; blanks around the separator belong to neither side.
            int end = line.IndexOfAny(Separators);
            end = end < 0 ? line.Length : end;
            int start = end;
            while (start < line.Length && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            if (start < line.Length && line[start] is '=' or ':')
            {
                start++;
            }

            pairs.Add(KeyValuePair.Create(line[..end], line[start..].Trim()));
        }

        return pairs;
    }
}
