using System.Globalization;
using System.Text;

namespace Kafka.Client.Cli.Perf;

/// <summary>
/// The <c>--date-format</c> of <c>kafka perf consume</c>: a Java <c>SimpleDateFormat</c> pattern (Kafka's default
/// <c>yyyy-MM-dd HH:mm:ss:SSS</c>), turned into a .NET custom format for local time. The letters y, M, d, H, h, m, s,
/// S, a, E, z and Z and quoted text are understood; other letters are refused.
/// </summary>
internal sealed class JavaDateFormat
{
    private readonly string _format;

    private JavaDateFormat(string format) => _format = format;

    /// <exception cref="UsageException">The pattern has a letter this does not understand.</exception>
    public static JavaDateFormat Parse(string pattern)
    {
        var format = new StringBuilder();
        for (int i = 0; i < pattern.Length;)
        {
            char c = pattern[i];
            int run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c && char.IsAsciiLetter(c))
            {
                run++;
            }

            if (c == '\'')
            {
                int end = pattern.IndexOf('\'', i + 1);
                string text = end < 0 ? pattern[(i + 1)..] : pattern[(i + 1)..end];
                format.Append(text.Length == 0 ? "\\'" : Literal(text));
                i = end < 0 ? pattern.Length : end + 1;
                continue;
            }

            format.Append(c switch
            {
                'y' => run == 2 ? "yy" : "yyyy",
                'M' or 'd' or 'H' or 'h' or 'm' or 's' => new string(c, Math.Min(run, c == 'M' ? 4 : 2)),
                'S' => "fff",
                'a' => "tt",
                'E' => run >= 4 ? "dddd" : "ddd",
                'z' or 'Z' => "zzz",
                _ when char.IsAsciiLetter(c) => throw new UsageException($"--date-format '{pattern}': the letter '{c}' is not supported."),
                _ => Literal(new string(c, run)),
            });
            i += run;
        }

        return new JavaDateFormat(format.ToString());
    }

    /// <summary>Local time of <paramref name="unixMs"/> in the pattern.</summary>
    public string Format(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToLocalTime().ToString(_format, CultureInfo.InvariantCulture);

    private static string Literal(string text)
    {
        var escaped = new StringBuilder();
        foreach (char c in text)
        {
            escaped.Append('\\').Append(c);
        }

        return escaped.ToString();
    }
}
