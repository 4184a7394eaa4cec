using System.Globalization;
using System.Text;
using Kafka.Client.Cli.Options;

namespace Kafka.Client.Cli.Consuming;

/// <summary>
/// Writes a consumed message as Kafka's console consumer does (its <c>DefaultMessageFormatter</c>), set up by
/// <c>--property</c>: optionally the timestamp, partition, offset, headers and key, each followed by
/// <c>key.separator</c>, then the value and <c>line.separator</c>. The bytes are written as they are.
/// </summary>
internal sealed class MessageFormatter
{
    /// <summary>The <c>--property</c> names it accepts, with their defaults (Kafka's).</summary>
    public static readonly IReadOnlyList<(string Name, string Default)> Properties =
    [
        ("print.timestamp", "false"),
        ("print.key", "false"),
        ("print.offset", "false"),
        ("print.partition", "false"),
        ("print.headers", "false"),
        ("print.value", "true"),
        ("key.separator", "\\t"),
        ("line.separator", "\\n"),
        ("headers.separator", ","),
        ("null.literal", "null"),
    ];

    private bool _printTimestamp;
    private bool _printKey;
    private bool _printOffset;
    private bool _printPartition;
    private bool _printHeaders;
    private bool _printValue = true;
    private byte[] _keySeparator = "\t"u8.ToArray();
    private byte[] _lineSeparator = "\n"u8.ToArray();
    private byte[] _headersSeparator = ","u8.ToArray();
    private byte[] _nullLiteral = "null"u8.ToArray();

    private MessageFormatter()
    {
    }

    /// <summary>A formatter set up by <paramref name="properties"/>.</summary>
    /// <exception cref="ArgumentException">A name is unknown or a value is not true or false.</exception>
    public static MessageFormatter Create(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var formatter = new MessageFormatter();
        foreach ((string name, string value) in properties)
        {
            switch (name)
            {
                case "print.timestamp": formatter._printTimestamp = PropertyValues.Boolean(name, value); break;
                case "print.key": formatter._printKey = PropertyValues.Boolean(name, value); break;
                case "print.offset": formatter._printOffset = PropertyValues.Boolean(name, value); break;
                case "print.partition": formatter._printPartition = PropertyValues.Boolean(name, value); break;
                case "print.headers": formatter._printHeaders = PropertyValues.Boolean(name, value); break;
                case "print.value": formatter._printValue = PropertyValues.Boolean(name, value); break;
                case "key.separator": formatter._keySeparator = Encoding.UTF8.GetBytes(value); break;
                case "line.separator": formatter._lineSeparator = Encoding.UTF8.GetBytes(value); break;
                case "headers.separator": formatter._headersSeparator = Encoding.UTF8.GetBytes(value); break;
                case "null.literal": formatter._nullLiteral = Encoding.UTF8.GetBytes(value); break;
                default:
                    throw PropertyValues.Unknown(name, Properties);
            }
        }

        return formatter;
    }

    /// <summary>Writes <paramref name="record"/> to <paramref name="output"/>.</summary>
    public void Write(ConsumeResult<byte[]?, byte[]?> record, Stream output)
    {
        if (_printTimestamp)
        {
            Text(output, record.Timestamp.Type == TimestampType.NotAvailable
                ? "NO_TIMESTAMP"
                : string.Create(CultureInfo.InvariantCulture, $"{(record.Timestamp.Type == TimestampType.CreateTime ? "CreateTime" : "LogAppendTime")}:{record.Timestamp.UnixTimestampMs}"));
            Separator(output, _printPartition || _printOffset || _printHeaders || _printKey || _printValue);
        }

        if (_printPartition)
        {
            Text(output, string.Create(CultureInfo.InvariantCulture, $"Partition:{record.Partition}"));
            Separator(output, _printOffset || _printHeaders || _printKey || _printValue);
        }

        if (_printOffset)
        {
            Text(output, string.Create(CultureInfo.InvariantCulture, $"Offset:{record.Offset}"));
            Separator(output, _printHeaders || _printKey || _printValue);
        }

        if (_printHeaders)
        {
            WriteHeaders(record.Headers, output);
            Separator(output, _printKey || _printValue);
        }

        if (_printKey)
        {
            output.Write(record.Key ?? _nullLiteral);
            Separator(output, _printValue);
        }

        if (_printValue)
        {
            output.Write(record.Value ?? _nullLiteral);
            output.Write(_lineSeparator);
        }
    }

    private void WriteHeaders(Headers? headers, Stream output)
    {
        if (headers is not { Count: > 0 })
        {
            Text(output, "NO_HEADERS");
            return;
        }

        for (int i = 0; i < headers.Count; i++)
        {
            Text(output, headers[i].Key + ":");
            output.Write(headers[i].Value ?? _nullLiteral);
            if (i + 1 < headers.Count)
            {
                output.Write(_headersSeparator);
            }
        }
    }

    /// <summary>After a field: <c>key.separator</c> when more fields follow, else <c>line.separator</c>.</summary>
    private void Separator(Stream output, bool moreFollow) => output.Write(moreFollow ? _keySeparator : _lineSeparator);

    private static void Text(Stream output, string text) => output.Write(Encoding.UTF8.GetBytes(text));
}
