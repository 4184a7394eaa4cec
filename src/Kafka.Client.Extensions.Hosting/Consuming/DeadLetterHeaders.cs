using System.Globalization;
using System.Text;

namespace Kafka.Client;

/// <summary>The headers a dead letter carries besides the original record's own: UTF-8 text.</summary>
public static class DeadLetterHeaders
{
    /// <summary>The exception's type, e.g. <c>System.FormatException</c>.</summary>
    public const string ExceptionType = "dlt.exception.type";

    /// <summary>The exception's message.</summary>
    public const string ExceptionMessage = "dlt.exception.message";

    /// <summary>The topic the record was read from.</summary>
    public const string OriginalTopic = "dlt.original.topic";

    /// <summary>The partition it was read from, in decimal.</summary>
    public const string OriginalPartition = "dlt.original.partition";

    /// <summary>Its offset, in decimal.</summary>
    public const string OriginalOffset = "dlt.original.offset";

    /// <summary>The original headers, then the error's.</summary>
    internal static Headers For(Headers? original, TopicPartitionOffset record, Exception error)
    {
        var headers = new Headers();
        foreach (Header header in original ?? [])
        {
            headers.Add(header);
        }

        headers.Add(ExceptionType, Text(error.GetType().FullName ?? error.GetType().Name));
        headers.Add(ExceptionMessage, Text(error.Message));
        headers.Add(OriginalTopic, Text(record.Topic));
        headers.Add(OriginalPartition, Text(record.Partition.ToString(CultureInfo.InvariantCulture)));
        headers.Add(OriginalOffset, Text(record.Offset.ToString(CultureInfo.InvariantCulture)));
        return headers;
    }

    private static byte[] Text(string value) => Encoding.UTF8.GetBytes(value);
}
