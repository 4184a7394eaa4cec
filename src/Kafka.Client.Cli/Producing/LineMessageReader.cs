using Kafka.Client.Cli.Options;

namespace Kafka.Client.Cli.Producing;

/// <summary>
/// Turns an input line into a message as Kafka's console producer does (its <c>LineMessageReader</c>), set up by
/// <c>--property</c>: optionally headers first, then optionally the key, then the value.
/// </summary>
/// <example><c>parse.headers=true parse.key=true key.separator=:</c> reads <c>h1:v1,h2:v2\tk:value</c>.</example>
internal sealed class LineMessageReader
{
    /// <summary>The <c>--property</c> names it accepts, with their defaults (Kafka's).</summary>
    public static readonly IReadOnlyList<(string Name, string Default)> Properties =
    [
        ("parse.key", "false"),
        ("key.separator", "\\t"),
        ("parse.headers", "false"),
        ("headers.delimiter", "\\t"),
        ("headers.separator", ","),
        ("headers.key.separator", ":"),
        ("ignore.error", "false"),
        ("null.marker", "unset"),
    ];

    private bool _parseKey;
    private string _keySeparator = "\t";
    private bool _parseHeaders;
    private string _headersDelimiter = "\t";
    private string _headersSeparator = ",";
    private string _headersKeySeparator = ":";
    private bool _ignoreError;
    private string? _nullMarker;

    private LineMessageReader()
    {
    }

    /// <summary>A reader set up by <paramref name="properties"/>.</summary>
    /// <exception cref="ArgumentException">A name is unknown, a value is invalid, or null.marker equals a separator.</exception>
    public static LineMessageReader Create(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var reader = new LineMessageReader();
        foreach ((string name, string value) in properties)
        {
            switch (name)
            {
                case "parse.key": reader._parseKey = PropertyValues.Boolean(name, value); break;
                case "key.separator": reader._keySeparator = Separator(name, value); break;
                case "parse.headers": reader._parseHeaders = PropertyValues.Boolean(name, value); break;
                case "headers.delimiter": reader._headersDelimiter = Separator(name, value); break;
                case "headers.separator": reader._headersSeparator = Separator(name, value); break;
                case "headers.key.separator": reader._headersKeySeparator = Separator(name, value); break;
                case "ignore.error": reader._ignoreError = PropertyValues.Boolean(name, value); break;
                case "null.marker": reader._nullMarker = value; break;
                default:
                    throw PropertyValues.Unknown(name, Properties);
            }
        }

        reader.CheckNullMarker();
        return reader;
    }

    /// <summary>The message of one line.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="lineNumber">Its number from 1, for errors.</param>
    /// <exception cref="FormatException">A separator the properties ask for is missing (unless <c>ignore.error=true</c>).</exception>
    public Message<string?, string?> Read(string line, long lineNumber)
    {
        var message = new Message<string?, string?>();
        ReadOnlySpan<char> rest = line;
        if (_parseHeaders)
        {
            int end = rest.IndexOf(_headersDelimiter, StringComparison.Ordinal);
            if (end >= 0)
            {
                message.Headers = ReadHeaders(rest[..end], lineNumber, line);
                rest = rest[(end + _headersDelimiter.Length)..];
            }
            else if (!_ignoreError)
            {
                throw new FormatException($"No headers delimiter found on line number {lineNumber}: '{line}'");
            }
        }

        if (_parseKey)
        {
            int end = rest.IndexOf(_keySeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                message.Key = OrNull(rest[..end]);
                rest = rest[(end + _keySeparator.Length)..];
            }
            else if (!_ignoreError)
            {
                throw new FormatException($"No key separator found on line number {lineNumber}: '{line}'");
            }
        }

        message.Value = OrNull(rest);
        return message;
    }

    private Headers ReadHeaders(ReadOnlySpan<char> text, long lineNumber, string line)
    {
        var headers = new Headers();
        foreach (Range range in text.Split(_headersSeparator))
        {
            ReadOnlySpan<char> header = text[range];
            if (header.IsEmpty)
            {
                continue;
            }

            int separator = header.IndexOf(_headersKeySeparator, StringComparison.Ordinal);
            ReadOnlySpan<char> key = separator < 0 ? header : header[..separator];
            if (_nullMarker is not null && key.SequenceEqual(_nullMarker))
            {
                throw new FormatException($"Header keys cannot be the null marker '{_nullMarker}' (line number {lineNumber}: '{line}')");
            }

            string? value = separator < 0 ? null : OrNull(header[(separator + _headersKeySeparator.Length)..]);
            headers.Add(key.ToString(), value is null ? null : System.Text.Encoding.UTF8.GetBytes(value));
        }

        return headers;
    }

    private string? OrNull(ReadOnlySpan<char> text) =>
        _nullMarker is not null && text.SequenceEqual(_nullMarker) ? null : text.ToString();

    private void CheckNullMarker()
    {
        if (_nullMarker is null)
        {
            return;
        }

        if (_nullMarker.Length == 0)
        {
            throw new ArgumentException("--property null.marker cannot be empty.");
        }

        foreach ((string name, string separator, bool used) in new[]
        {
            ("key.separator", _keySeparator, _parseKey),
            ("headers.delimiter", _headersDelimiter, _parseHeaders),
            ("headers.separator", _headersSeparator, _parseHeaders),
            ("headers.key.separator", _headersKeySeparator, _parseHeaders),
        })
        {
            if (used && separator == _nullMarker)
            {
                throw new ArgumentException($"--property null.marker and {name} cannot both be '{separator}'.");
            }
        }
    }

    private static string Separator(string name, string value) =>
        value.Length > 0 ? value : throw new ArgumentException($"--property {name} cannot be empty.");
}
