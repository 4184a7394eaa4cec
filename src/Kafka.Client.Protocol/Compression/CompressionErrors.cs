using System.Diagnostics.CodeAnalysis;

namespace Kafka.Client.Protocol;

/// <summary>Throw helpers shared by the codecs, so every failure is a <see cref="KafkaProtocolException"/>.</summary>
internal static class CompressionErrors
{
    [DoesNotReturn]
    public static void Corrupt(CompressionCodec codec, string problem, Exception? inner = null) =>
        throw new KafkaProtocolException(Name(codec), -1, null, problem, inner);

    [DoesNotReturn]
    public static void Corrupt(CompressionCodec codec, string field, string problem) =>
        throw new KafkaProtocolException(Name(codec), -1, field, problem);

    [DoesNotReturn]
    public static void TooLarge(CompressionCodec codec, int maxLength) =>
        throw new KafkaProtocolException(Name(codec), -1, null,
            $"decompressed data exceeds the limit of {maxLength} bytes");

    /// <summary>True for what a decompression library throws on bad input (everything but our own exception).</summary>
    public static bool IsLibraryFailure(Exception exception) =>
        exception is not KafkaProtocolException and not OutOfMemoryException;

    public static void CheckMaxLength(int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
    }

    private static string Name(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Gzip => "gzip",
        CompressionCodec.Snappy => "snappy",
        CompressionCodec.Lz4 => "lz4",
        CompressionCodec.Zstd => "zstd",
        _ => "uncompressed",
    };
}
