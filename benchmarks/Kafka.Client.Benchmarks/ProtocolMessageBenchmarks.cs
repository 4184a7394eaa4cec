using BenchmarkDotNet.Attributes;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Benchmarks;

/// <summary>
/// Encoding a whole Produce request frame (header + body) and decoding a whole Fetch response frame with its
/// records iterated, each carrying one batch of 1,000 records with 100-byte values. The Throughput column is
/// uncompressed batch bytes per second.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ProtocolMessageBenchmarks
{
    private const short ProduceVersion = 11;
    private const short FetchVersion = 16;
    private readonly PooledBufferWriter _output = new(256 * 1024);
    private ProduceRequest _produce = new();
    private byte[] _fetchFrame = [];

    [Params(CompressionCodec.None, CompressionCodec.Lz4)]
    public CompressionCodec Codec { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (byte[][] keys, byte[][] values) = RecordBatchBenchmarks.CreateRecords();
        using var builder = new RecordBatchBuilder(Codec);
        for (int i = 0; i < keys.Length; i++)
        {
            builder.Append(1_700_000_000_000 + i, keys[i], values[i]);
        }

        byte[] batch = builder.Complete().ToArray();
        _produce = new ProduceRequest
        {
            Acks = -1,
            TimeoutMs = 30_000,
            TopicData = [new ProduceRequest.TopicProduceData { Name = "benchmark", PartitionData = [new ProduceRequest.PartitionProduceData { Index = 0, Records = batch }] }],
        };

        var fetch = new FetchResponse
        {
            Responses =
            [
                new FetchResponse.FetchableTopicResponse
                {
                    TopicId = new KafkaUuid(1, 2),
                    Partitions = [new FetchResponse.PartitionData { PartitionIndex = 0, HighWatermark = 1000, LastStableOffset = 1000, LogStartOffset = 0, Records = batch }],
                },
            ],
        };
        using var frame = new PooledBufferWriter();
        KafkaFrame.WriteResponse(frame, fetch, FetchVersion, correlationId: 7);
        _fetchFrame = frame.WrittenSpan[KafkaFrame.LengthPrefixSize..].ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    [Benchmark]
    public int EncodeProduceRequest()
    {
        _output.Clear();
        return KafkaFrame.WriteRequest(_output, _produce, ProduceVersion, correlationId: 7, clientId: "benchmark");
    }

    [Benchmark]
    public long DecodeFetchResponse()
    {
        var reader = new KafkaReader(_fetchFrame.AsMemory());
        KafkaFrame.ReadResponseHeader(ref reader, ApiKey.Fetch, FetchVersion);
        FetchResponse response = FetchResponse.Read(ref reader, FetchVersion);
        long total = 0;
        foreach (FetchResponse.FetchableTopicResponse topic in response.Responses)
        {
            foreach (FetchResponse.PartitionData partition in topic.Partitions)
            {
                foreach (RecordBatch batch in new RecordBatchReader(partition.Records!.Value))
                {
                    foreach (Record record in batch.GetRecords())
                    {
                        total += record.Value.Length;
                    }
                }
            }
        }

        return total;
    }
}
