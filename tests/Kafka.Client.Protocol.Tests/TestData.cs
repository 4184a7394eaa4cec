using System.Text;

namespace Kafka.Client.Protocol.Tests;

/// <summary>Deterministic payloads for codec and record tests.</summary>
internal static class TestData
{
    private static readonly string[] Words =
        ["kafka", "record", "batch", "offset", "partition", "leader", "epoch", "producer", "consumer", "topic", "{\"id\":", "}", " ", "\n"];

    /// <summary>Compressible text-like bytes (random words).</summary>
    public static byte[] Text(int length, int seed = 1)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(length + 16);
        while (builder.Length < length)
        {
            builder.Append(Words[random.Next(Words.Length)]).Append(random.Next(1000));
        }

        return Encoding.ASCII.GetBytes(builder.ToString(0, length));
    }

    /// <summary>Incompressible bytes.</summary>
    public static byte[] Random(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Compress(CompressionCodec codec, ReadOnlySpan<byte> data, int? level = null)
    {
        using var writer = new PooledBufferWriter();
        CompressionCodecs.Get(codec).Compress(data, writer, level);
        return writer.WrittenSpan.ToArray();
    }

    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> data, int maxLength = CompressionCodecs.DefaultMaxDecompressedLength)
    {
        using var writer = new PooledBufferWriter();
        CompressionCodecs.Get(codec).Decompress(data, writer, maxLength);
        return writer.WrittenSpan.ToArray();
    }
}
