using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>KafkaProducer against the embedded cluster over real TCP.</summary>
public class ProducerTests : ProducerTestBase
{
    protected override EmbeddedKafkaClusterOptions ClusterOptions => new() { Brokers = 3, AutoCreateTopics = false };

    [Test]
    public async Task ProduceAsync_returns_the_offset_and_the_message_is_in_the_log()
    {
        await Cluster.CreateTopicAsync("orders", partitions: 3, replicationFactor: 3);
        await using var producer = new KafkaProducer<string, string>(Options());
        DeliveryResult<string, string> result = await producer.ProduceAsync("orders", new Message<string, string> { Key = "42", Value = "hello" });
        Assert.That(result.Status, Is.EqualTo(PersistenceStatus.Persisted));
        Assert.That(result.Offset, Is.Zero);
        Assert.That(result.Partition, Is.EqualTo(Murmur2.Partition("42"u8, 3)), "keyed messages use the Java client's murmur2");
        Assert.That(Cluster.DescribePartition("orders", result.Partition).HighWatermark, Is.EqualTo(1));

        var batch = Cluster.ReadBatches("orders", result.Partition).Single();
        foreach (RecordBatch b in new RecordBatchReader(batch))
        {
            Assert.That(b.ProducerId, Is.GreaterThanOrEqualTo(0), "idempotent by default");
            foreach (Record record in b.GetRecords())
            {
                Assert.That(record.Key.ToArray(), Is.EqualTo("42"u8.ToArray()));
                Assert.That(record.Value.ToArray(), Is.EqualTo("hello"u8.ToArray()));
            }
        }
    }

    [TestCase(CompressionType.None)]
    [TestCase(CompressionType.Gzip)]
    [TestCase(CompressionType.Snappy)]
    [TestCase(CompressionType.Lz4)]
    [TestCase(CompressionType.Zstd)]
    public async Task Many_messages_are_batched_compressed_and_kept_in_order(CompressionType compression)
    {
        await Cluster.CreateTopicAsync("batched", partitions: 2, replicationFactor: 3);
        await using var producer = new KafkaProducer<Null, string>(Options(o => o.CompressionType = compression));
        var sends = new List<ValueTask<DeliveryResult<Null, string>>>();
        for (int i = 0; i < 5_000; i++)
        {
            sends.Add(producer.ProduceAsync(new TopicPartition("batched", i % 2), new Message<Null, string> { Value = $"v{i}" }));
        }

        var offsets = new long[2];
        foreach (var send in sends)
        {
            DeliveryResult<Null, string> result = await send;
            Assert.That(result.Offset, Is.EqualTo(offsets[result.Partition]++), "per-partition order is kept");
        }

        var batches = Cluster.ReadBatches("batched", 0);
        Assert.That(batches, Has.Count.LessThan(2_500), "records were batched");
        CompressionCodec expected = compression switch
        {
            CompressionType.Gzip => CompressionCodec.Gzip,
            CompressionType.Snappy => CompressionCodec.Snappy,
            CompressionType.Lz4 => CompressionCodec.Lz4,
            CompressionType.Zstd => CompressionCodec.Zstd,
            _ => CompressionCodec.None,
        };
        foreach (RecordBatch batch in new RecordBatchReader(batches[0]))
        {
            Assert.That(batch.Compression, Is.EqualTo(expected));
        }
    }

    [Test]
    public async Task Produce_with_a_callback_reports_every_delivery_and_flush_waits_for_them()
    {
        await Cluster.CreateTopicAsync("callbacks", partitions: 3);
        await using var producer = new KafkaProducer<byte[], byte[]>(Options());
        int delivered = 0, failed = 0;
        for (int i = 0; i < 1_000; i++)
        {
            producer.Produce("callbacks", new Message<byte[], byte[]> { Key = BitConverter.GetBytes(i), Value = new byte[100] }, report =>
            {
                if (report.Error is null)
                {
                    Interlocked.Increment(ref delivered);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            });
        }

        await producer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That((delivered, failed), Is.EqualTo((1_000, 0)));
    }

    [TestCase(CompressionType.Gzip, 1, 9)]
    [TestCase(CompressionType.Zstd, 1, 19)]
    public async Task Compression_level_is_applied_a_higher_level_writes_smaller_batches(CompressionType codec, int low, int high)
    {
        long LogBytes(string topic) => Cluster.DescribePartition(topic, 0).LogSizeBytes;
        foreach ((string topic, int level) in (ValueTuple<string, int>[])[("level-low", low), ("level-high", high)])
        {
            await Cluster.CreateTopicAsync(topic);
            await using var producer = new KafkaProducer<Null, string>(Options(o =>
            {
                o.CompressionType = codec;
                o.CompressionLevel = level;
                o.LingerMs = 1_000;
            }));
            for (int i = 0; i < 2_000; i++)
            {
                producer.Produce(topic, new Message<Null, string> { Value = $"{{\"order\":{i * 7919 % 10007},\"customer\":\"c-{i % 97}\",\"amount\":{i * 31 % 1000}.{i % 100:D2}}}" });
            }

            await producer.FlushAsync();
            Assert.That(PartitionLog.Values(Cluster, topic, 0), Has.Count.EqualTo(2_000));
        }

        Assert.That(LogBytes("level-high"), Is.LessThan(LogBytes("level-low")), $"{codec} level {high} compresses better than level {low}");
    }

    [Test]
    public async Task Null_keys_stick_to_a_partition_and_headers_and_timestamps_are_kept()
    {
        await Cluster.CreateTopicAsync("sticky", partitions: 4);
        await using var producer = new KafkaProducer<Null, string>(Options(o => o.LingerMs = 50));
        var headers = new Headers { { "trace", "abc"u8.ToArray() }, { "empty", null } };
        var timestamp = new Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        var sends = Enumerable.Range(0, 10).Select(i => producer.ProduceAsync("sticky", new Message<Null, string> { Value = "x", Headers = headers, Timestamp = timestamp })).ToList();
        var results = new List<DeliveryResult<Null, string>>();
        foreach (var send in sends)
        {
            results.Add(await send);
        }

        Assert.That(results.Select(r => r.Partition).Distinct().Count(), Is.EqualTo(1), "KIP-794: small unkeyed sends stick to one partition");
        Assert.That(results[0].Timestamp.UnixTimestampMs, Is.EqualTo(1_700_000_000_123));
        foreach (RecordBatch batch in new RecordBatchReader(Cluster.ReadBatches("sticky", results[0].Partition)[0]))
        {
            foreach (Record record in batch.GetRecords())
            {
                Assert.That(record.Timestamp, Is.EqualTo(1_700_000_000_123));
                Assert.That(record.HeaderCount, Is.EqualTo(2));
            }
        }
    }

    [Test]
    public async Task An_unknown_topic_fails_after_max_block_ms_when_auto_creation_is_off()
    {
        await using var producer = new KafkaProducer<string, string>(Options(o => o.MaxBlockMs = 500));
        var error = Assert.ThrowsAsync<KafkaException>(async () => await producer.ProduceAsync("missing", new Message<string, string> { Value = "x" }));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        Assert.That(error.Message, Does.Contain("missing").And.Contain("500 ms"));
    }

    [Test]
    public async Task An_unreachable_bootstrap_server_fails_after_max_block_ms_saying_no_broker_is_reachable()
    {
        string unreachable = RefusedAddress.Next();

        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = unreachable, MaxBlockMs = 500 });
        var error = Assert.ThrowsAsync<KafkaException>(async () => await producer.ProduceAsync("orders", new Message<string, string> { Value = "x" }));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.NetworkException));
        Assert.That(error.Message, Does.StartWith("Topic 'orders' not present in metadata after 500 ms (max.block.ms): No broker is reachable").And.Contain(unreachable));
    }

    [Test]
    public async Task A_message_over_max_request_size_fails_naming_the_size()
    {
        await Cluster.CreateTopicAsync("big");
        await using var producer = new KafkaProducer<Null, byte[]>(Options(o => o.MaxRequestSize = 10_000));
        var error = Assert.ThrowsAsync<KafkaException>(async () => await producer.ProduceAsync("big", new Message<Null, byte[]> { Value = new byte[20_000] }));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.MessageTooLarge));
        Assert.That(error.Message, Does.Contain("max.request.size").And.Contain("10000"));
    }

    [Test]
    public void A_bad_option_fails_at_construction_naming_the_key()
    {
        var error = Assert.Throws<ArgumentException>(() => ProducerOptions.FromProperties(new Dictionary<string, string> { ["bootstrap.servers"] = "x:1", ["linger.mss"] = "5" }));
        Assert.That(error!.Message, Does.Contain("linger.mss"));
    }

    [Test]
    public async Task With_a_stopped_cluster_and_full_buffer_memory_produce_waits_then_fails_after_max_block_ms()
    {
        await Cluster.CreateTopicAsync("blocked");
        await using var producer = new KafkaProducer<Null, byte[]>(SmallBufferOptions(deliveryTimeoutMs: 3_000));
        await producer.ProduceAsync("blocked", new Message<Null, byte[]> { Value = new byte[10] });
        foreach (int broker in Cluster.BrokerIds)
        {
            await Cluster.StopBrokerAsync(broker);
        }

        // 12 x 500 B do not fit 4 KiB of buffer memory: the later sends wait max.block.ms for room, then fail;
        // the earlier ones expire after delivery.timeout.ms. Nothing hangs and nothing is acknowledged.
        var pending = Enumerable.Range(0, 12).Select(_ => producer.ProduceAsync("blocked", new Message<Null, byte[]> { Value = new byte[500] })).ToList();
        var errors = new List<KafkaException>();
        foreach (var send in pending)
        {
            errors.Add(Assert.CatchAsync<KafkaException>(async () => await send.AsTask().WaitAsync(TimeSpan.FromSeconds(20)))!);
        }

        Assert.That(errors.Any(e => e.Message.Contains("max.block.ms", StringComparison.Ordinal) && e.Message.Contains("buffer.memory", StringComparison.Ordinal)), Is.True,
            string.Join(" | ", errors.Select(e => e.Message)));
        Assert.That(errors.Any(e => e.Message.Contains("Expiring", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task Cancellation_stops_waiting_for_metadata()
    {
        await using var producer = new KafkaProducer<Null, string>(Options(o => o.MaxBlockMs = 60_000));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.CatchAsync<OperationCanceledException>(async () => await producer.ProduceAsync("never", new Message<Null, string> { Value = "x" }, cancel.Token));
    }
}
