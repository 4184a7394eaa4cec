using System.Text;
using BenchmarkDotNet.Attributes;
using Kafka.Client.Protocol;

namespace Kafka.Client.Benchmarks;

/// <summary>
/// Encoding and decoding a batch of 1,000 records with 100-byte values (about 121 KB uncompressed), per codec.
/// The Throughput column is uncompressed batch bytes per second (bytes / mean).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class RecordBatchBenchmarks
{
    public const int RecordCount = 1000;
    public const int ValueSize = 100;

    private byte[][] _keys = [];
    private byte[][] _values = [];
    private RecordBatchBuilder? _builder;
    private byte[] _encoded = [];

    [Params(CompressionCodec.None, CompressionCodec.Gzip, CompressionCodec.Snappy, CompressionCodec.Lz4, CompressionCodec.Zstd)]
    public CompressionCodec Codec { get; set; }

    /// <summary>The uncompressed size of the benchmark batch, for the throughput column.</summary>
    public static int UncompressedBatchSize { get; } = MeasureUncompressedSize();

    [GlobalSetup]
    public void Setup()
    {
        (_keys, _values) = CreateRecords();
        _builder = new RecordBatchBuilder(Codec, initialCapacity: 256 * 1024);
        _encoded = Build().ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _builder?.Dispose();

    [Benchmark]
    public int Encode() => Build().Length;

    [Benchmark]
    public long Decode()
    {
        long total = 0;
        foreach (RecordBatch batch in new RecordBatchReader(_encoded))
        {
            foreach (Record record in batch.GetRecords())
            {
                total += record.Key.Length + record.Value.Length;
            }
        }

        return total;
    }

    private ReadOnlyMemory<byte> Build()
    {
        RecordBatchBuilder builder = _builder!;
        builder.Reset();
        for (int i = 0; i < RecordCount; i++)
        {
            builder.Append(1_700_000_000_000 + i, _keys[i], _values[i]);
        }

        return builder.Complete();
    }

    internal static (byte[][] Keys, byte[][] Values) CreateRecords()
    {
        string[] words = ["order", "customer", "amount", "currency", "EUR", "status", "shipped", "{", "}", ":", ","];
        var random = new Random(42);
        var keys = new byte[RecordCount][];
        var values = new byte[RecordCount][];
        for (int i = 0; i < RecordCount; i++)
        {
            keys[i] = Encoding.ASCII.GetBytes($"key-{i:D6}");
            var text = new StringBuilder(ValueSize + 16);
            while (text.Length < ValueSize)
            {
                text.Append(words[random.Next(words.Length)]).Append(random.Next(100_000));
            }

            values[i] = Encoding.ASCII.GetBytes(text.ToString(0, ValueSize));
        }

        return (keys, values);
    }

    private static int MeasureUncompressedSize()
    {
        (byte[][] keys, byte[][] values) = CreateRecords();
        using var builder = new RecordBatchBuilder();
        for (int i = 0; i < RecordCount; i++)
        {
            builder.Append(1_700_000_000_000 + i, keys[i], values[i]);
        }

        return builder.Complete().Length;
    }
}
