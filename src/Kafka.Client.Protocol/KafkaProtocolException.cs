namespace Kafka.Client.Protocol;

/// <summary>
/// Bytes that do not follow the Kafka wire protocol: a truncated frame, a length or count that does not fit
/// the bytes left, a bad varint, an unknown version, a bad CRC or corrupt compressed data.
/// </summary>
/// <remarks>
/// The codec throws only this exception for bad input; it never lets an <see cref="IndexOutOfRangeException"/>
/// or an oversized allocation escape. <see cref="MessageName"/>, <see cref="Version"/> and <see cref="Field"/> say
/// where decoding stopped when that is known.
/// </remarks>
public sealed class KafkaProtocolException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    public KafkaProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the failure of a lower layer (for example a decompressor).</summary>
    public KafkaProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the message, version and field being decoded.</summary>
    public KafkaProtocolException(string? messageName, short version, string? field, string problem, Exception? innerException = null)
        : base(Describe(messageName, version, field, problem), innerException)
    {
        MessageName = messageName;
        Version = version;
        Field = field;
    }

    /// <summary>The message (for example <c>FetchResponse</c>) being read or written, when known.</summary>
    public string? MessageName { get; }

    /// <summary>The version of <see cref="MessageName"/>, or -1 when unknown.</summary>
    public short Version { get; } = -1;

    /// <summary>The field being read or written, when known.</summary>
    public string? Field { get; }

    private static string Describe(string? messageName, short version, string? field, string problem)
    {
        string where = messageName is null ? "" : version >= 0 ? $"{messageName} v{version}" : messageName;
        if (field is not null)
        {
            where = where.Length == 0 ? $"field {field}" : $"{where}, field {field}";
        }

        return where.Length == 0 ? problem : $"{where}: {problem}";
    }
}
