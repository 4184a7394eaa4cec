using Kafka.Client.Protocol;
using Kafka.Client.TestSupport;

namespace Kafka.Client.Tests.Consuming;

/// <summary>KafkaConsumer basics against the embedded cluster over real TCP.</summary>
public class ConsumerTests : ConsumerTestBase
{
    [Test]
    public async Task A_manually_assigned_consumer_reads_every_partition_from_the_beginning_in_order()
    {
        await Cluster.CreateTopicAsync("manual", partitions: 3, replicationFactor: 3);
        await ProduceAsync("manual", 3_000, 3);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions());
        consumer.Assign([new TopicPartition("manual", 0), new TopicPartition("manual", 1), new TopicPartition("manual", 2)]);
        List<ConsumeResult<string, string>> records = await ConsumeAsync(consumer, 3_000);

        foreach (IGrouping<int, ConsumeResult<string, string>> partition in records.GroupBy(r => r.Partition))
        {
            Assert.That(partition.Select(r => r.Offset), Is.EqualTo(Enumerable.Range(0, 1_000).Select(i => (long)i)), $"partition {partition.Key} in order");
        }

        Assert.That(records.Select(r => r.Message.Value).Order(), Is.EquivalentTo(Enumerable.Range(0, 3_000).Select(i => $"v{i}")));
        ConsumeResult<string, string> first = records.First(r => r.Partition == 1);
        Assert.That(first.Key, Is.EqualTo("k1"));
        Assert.That(first.Timestamp.Type, Is.EqualTo(TimestampType.CreateTime));
        Assert.That(consumer.Position(new TopicPartition("manual", 1)), Is.EqualTo(1_000));
        Assert.That(consumer.GetWatermarkOffsets(new TopicPartition("manual", 1)).High, Is.EqualTo(1_000));
    }

    [Test]
    public async Task Explicit_offsets_are_committed_with_their_metadata_and_unassign_stops_consumption()
    {
        await Cluster.CreateTopicAsync("explicit", partitions: 2, replicationFactor: 1);
        await ProduceAsync("explicit", 20, 2);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions("explicit-group", o => o.EnableAutoCommit = false));
        var p0 = new TopicPartition("explicit", 0);
        var p1 = new TopicPartition("explicit", 1);
        consumer.Assign([p0, p1]);
        await ConsumeAsync(consumer, 20);

        await consumer.CommitAsync([new TopicPartitionOffset(p0, 4)]);
        await consumer.CommitAsync(new Dictionary<TopicPartition, OffsetAndMetadata> { [p1] = new(6, "checkpoint-6") });
        IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> committed = await consumer.CommittedAsync([p0, p1]);
        Assert.That(committed[p0].Offset, Is.EqualTo(4));
        Assert.That(committed[p1].Offset, Is.EqualTo(6));
        Assert.That(committed[p1].Metadata, Is.EqualTo("checkpoint-6"));
        Assert.That(Cluster.CommittedOffset("explicit-group", "explicit", 0), Is.EqualTo(4), "the broker holds what was committed");

        consumer.Unassign();
        Assert.That(consumer.Assignment, Is.Empty);
        Assert.ThrowsAsync<InvalidOperationException>(async () => await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(100)), "nothing to consume after Unassign");
        consumer.Assign([p1]);
        Assert.That((await ConsumeAsync(consumer, 1))[0].Offset, Is.EqualTo(6), "assigned again, the partition resumes from its commit");
    }

    [Test]
    public async Task Closing_with_auto_commit_does_not_overwrite_an_explicit_commit_with_a_position_nothing_was_consumed_from()
    {
        // Found against librdkafka's mock cluster (issue 12): the position a reset found (0) was committed on close
        // over the 1 the application had just committed, though the application had consumed nothing.
        await Cluster.CreateTopicAsync("untouched", partitions: 1, replicationFactor: 1);
        await ProduceAsync("untouched", 3, 1);
        var tp = new TopicPartition("untouched", 0);
        await using (var consumer = new KafkaConsumer<string, string>(ConsumerOptions("untouched-group")))
        {
            consumer.Assign([tp]);
            await Eventually.WaitUntilAsync(() => consumer.Position(tp) == 0, () => "the reset position 0", seconds: 10);
            await consumer.CommitAsync([new TopicPartitionOffset(tp, 1)]);
        }

        Assert.That(Cluster.CommittedOffset("untouched-group", "untouched", 0), Is.EqualTo(1));

        await using (var consumer = new KafkaConsumer<string, string>(ConsumerOptions("untouched-group")))
        {
            consumer.Assign([tp]);
            Assert.That((await ConsumeAsync(consumer, 1))[0].Offset, Is.EqualTo(1));
        }

        Assert.That(Cluster.CommittedOffset("untouched-group", "untouched", 0), Is.EqualTo(2), "what was consumed is committed on close");
    }

    [Test]
    public async Task A_group_consumer_reads_its_subscription_and_a_new_consumer_resumes_from_the_commit()
    {
        await Cluster.CreateTopicAsync("orders", partitions: 2, replicationFactor: 3);
        await ProduceAsync("orders", 200, 2);
        await using (var consumer = new KafkaConsumer<string, string>(ConsumerOptions("billing", o => o.EnableAutoCommit = false)))
        {
            consumer.Subscribe("orders");
            List<ConsumeResult<string, string>> records = await ConsumeAsync(consumer, 200);
            Assert.That(records.Select(r => r.Value), Is.EquivalentTo(Enumerable.Range(0, 200).Select(i => $"v{i}")));
            await consumer.CommitAsync();
            var committed = await consumer.CommittedAsync([new TopicPartition("orders", 0), new TopicPartition("orders", 1)]);
            Assert.That(committed.Values.Select(o => o.Offset), Is.All.EqualTo(100));
        }

        Assert.That(Cluster.CommittedOffset("billing", "orders", 0), Is.EqualTo(100));
        await ProduceAsync("orders", 20, 2, start: 200);
        await using var second = new KafkaConsumer<string, string>(ConsumerOptions("billing"));
        second.Subscribe("orders");
        List<ConsumeResult<string, string>> rest = await ConsumeAsync(second, 20);
        Assert.That(rest.Select(r => r.Value), Is.EquivalentTo(Enumerable.Range(200, 20).Select(i => $"v{i}")), "only what was not committed");
    }

    [Test]
    public async Task Seek_moves_consumption_and_drops_what_was_fetched()
    {
        await Cluster.CreateTopicAsync("seek", partitions: 1, replicationFactor: 1);
        await ProduceAsync("seek", 100, 1);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions());
        var tp = new TopicPartition("seek", 0);
        consumer.Assign([new TopicPartitionOffset(tp, 10)]);
        Assert.That((await ConsumeAsync(consumer, 1))[0].Offset, Is.EqualTo(10));
        consumer.Seek(new TopicPartitionOffset(tp, 90));
        Assert.That((await ConsumeAsync(consumer, 1))[0].Offset, Is.EqualTo(90));
        consumer.Seek(new TopicPartitionOffset(tp, Offset.Beginning));
        Assert.That((await ConsumeAsync(consumer, 1))[0].Offset, Is.EqualTo(0));
        consumer.Seek(new TopicPartitionOffset(tp, Offset.End));
        Assert.That(await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(300)), Is.Null, "nothing after the end");
        Assert.That(consumer.Position(tp), Is.EqualTo(100));
    }

    [Test]
    public async Task Paused_partitions_are_not_consumed_until_resumed()
    {
        await Cluster.CreateTopicAsync("paused", partitions: 2, replicationFactor: 1);
        await ProduceAsync("paused", 100, 2);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions());
        var p0 = new TopicPartition("paused", 0);
        var p1 = new TopicPartition("paused", 1);
        consumer.Assign([p0, p1]);
        consumer.Pause(p1);
        List<ConsumeResult<string, string>> first = await ConsumeAsync(consumer, 50);
        Assert.That(first.Select(r => r.Partition), Is.All.EqualTo(0));
        Assert.That(await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(300)), Is.Null, "partition 1 is paused");
        Assert.That(consumer.Paused, Is.EqualTo(new[] { p1 }));
        consumer.Resume(p1);
        List<ConsumeResult<string, string>> second = await ConsumeAsync(consumer, 50);
        Assert.That(second.Select(r => r.Offset), Is.EqualTo(Enumerable.Range(0, 50).Select(i => (long)i)));
        Assert.That(second.Select(r => r.Partition), Is.All.EqualTo(1));
    }

    [Test]
    public async Task Reset_policy_none_raises_an_error_until_the_application_seeks()
    {
        await Cluster.CreateTopicAsync("strict", partitions: 1, replicationFactor: 1);
        await ProduceAsync("strict", 5, 1);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions("strict-group", o => o.AutoOffsetReset = AutoOffsetReset.None));
        var tp = new TopicPartition("strict", 0);
        consumer.Assign([tp]);
        var error = Assert.ThrowsAsync<KafkaException>(async () => await consumer.ConsumeAsync(TimeSpan.FromSeconds(10)));
        Assert.That(error!.Message, Does.Contain("auto.offset.reset is none"));
        Assert.That(error.TopicPartition, Is.EqualTo(tp));
        var again = Assert.ThrowsAsync<KafkaException>(async () => await consumer.ConsumeAsync(TimeSpan.FromSeconds(10)));
        Assert.That(again!.Message, Does.Contain("auto.offset.reset is none"), "the error stays until the application seeks");
        consumer.Seek(new TopicPartitionOffset(tp, 3));
        Assert.That((await ConsumeAsync(consumer, 1))[0].Offset, Is.EqualTo(3));
    }

    [Test]
    public async Task A_value_that_fails_to_deserialize_raises_ConsumeException_and_consumption_goes_on()
    {
        await Cluster.CreateTopicAsync("mixed", partitions: 1, replicationFactor: 1);
        await using (var producer = new KafkaProducer<Null, byte[]>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers }))
        {
            await producer.ProduceAsync("mixed", new Message<Null, byte[]> { Value = [0, 0, 0, 1] });
            await producer.ProduceAsync("mixed", new Message<Null, byte[]> { Value = [1, 2], Headers = [new Header("h", [9])] });
            await producer.ProduceAsync("mixed", new Message<Null, byte[]> { Value = [0, 0, 0, 3] });
        }

        await using var consumer = new KafkaConsumer<Ignore, int>(ConsumerOptions());
        consumer.Assign([new TopicPartition("mixed", 0)]);
        Assert.That((await consumer.ConsumeAsync(TimeSpan.FromSeconds(10)))!.Value, Is.EqualTo(1));
        var error = Assert.ThrowsAsync<ConsumeException>(async () => await consumer.ConsumeAsync(TimeSpan.FromSeconds(10)));
        Assert.That(error!.Record, Is.EqualTo(new TopicPartitionOffset("mixed", 0, 1)));
        Assert.That(error.RawValue, Is.EqualTo(new byte[] { 1, 2 }));
        Assert.That(error.RawKey, Is.Null);
        Assert.That(error.Headers!.GetLastBytes("h"), Is.EqualTo(new byte[] { 9 }), "the record's headers, for a dead letter");
        Assert.That((await consumer.ConsumeAsync(TimeSpan.FromSeconds(10)))!.Value, Is.EqualTo(3));
    }

    [Test]
    public async Task Compressed_batches_of_every_codec_are_consumed([Values] CompressionType compression)
    {
        await Cluster.CreateTopicAsync("codec", partitions: 1, replicationFactor: 1);
        await using (var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers, CompressionType = compression, LingerMs = 5 }))
        {
            var sends = Enumerable.Range(0, 1_000).Select(i => producer.ProduceAsync("codec", new Message<Null, string> { Value = $"m{i}", Headers = [new Header("h", [(byte)i])] }).AsTask()).ToList();
            await Task.WhenAll(sends);
        }

        await using var consumer = new KafkaConsumer<Null, string>(ConsumerOptions());
        consumer.Assign([new TopicPartition("codec", 0)]);
        List<ConsumeResult<Null, string>> records = await ConsumeAsync(consumer, 1_000);
        Assert.That(records.Select(r => r.Value), Is.EqualTo(Enumerable.Range(0, 1_000).Select(i => $"m{i}")));
        Assert.That(records[7].Headers!.GetLastBytes("h"), Is.EqualTo(new byte[] { 7 }));
    }

    [Test]
    public async Task ReadOnlyMemory_values_are_slices_of_the_fetch_not_copies()
    {
        await Cluster.CreateTopicAsync("slices", partitions: 1, replicationFactor: 1);
        await ProduceAsync("slices", 10, 1);
        await using var consumer = new KafkaConsumer<Ignore, ReadOnlyMemory<byte>>(ConsumerOptions());
        consumer.Assign([new TopicPartition("slices", 0)]);
        List<ConsumeResult<Ignore, ReadOnlyMemory<byte>>> records = await ConsumeAsync(consumer, 10);
        Assert.That(records.Select(r => System.Text.Encoding.UTF8.GetString(r.Value.Span)), Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"v{i}")));
        Assert.That(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(records[0].Value, out ArraySegment<byte> first), Is.True);
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(records[1].Value, out ArraySegment<byte> second);
        Assert.That(first.Array, Is.SameAs(second.Array), "both values point into the same fetch response");
    }

    [Test]
    public async Task Subscribing_by_pattern_picks_up_topics_created_later()
    {
        await Cluster.CreateTopicAsync("metrics.cpu", partitions: 1, replicationFactor: 1);
        await Cluster.CreateTopicAsync("other", partitions: 1, replicationFactor: 1);
        await ProduceAsync("metrics.cpu", 5, 1);
        await ProduceAsync("other", 5, 1);
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions("patterns", o => o.MetadataMaxAgeMs = 1_000));
        consumer.Subscribe(new System.Text.RegularExpressions.Regex("^metrics\\."));
        List<ConsumeResult<string, string>> first = await ConsumeAsync(consumer, 5);
        Assert.That(first.Select(r => r.Topic), Is.All.EqualTo("metrics.cpu"));

        await Cluster.CreateTopicAsync("metrics.disk", partitions: 1, replicationFactor: 1);
        await ProduceAsync("metrics.disk", 5, 1);
        List<ConsumeResult<string, string>> second = await ConsumeAsync(consumer, 5);
        Assert.That(second.Select(r => r.Topic), Is.All.EqualTo("metrics.disk"));
        Assert.That(consumer.Subscription, Is.EquivalentTo(new[] { "metrics.cpu", "metrics.disk" }));
    }

    [Test]
    public async Task Watermarks_and_offsets_for_times_are_queried_from_the_leader()
    {
        await Cluster.CreateTopicAsync("times", partitions: 1, replicationFactor: 3);
        var tp = new TopicPartition("times", 0);
        await using (var producer = new KafkaProducer<Null, string>(new ProducerOptions { BootstrapServers = Cluster.BootstrapServers }))
        {
            for (int i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(tp, new Message<Null, string> { Value = $"{i}", Timestamp = new Timestamp(1_000_000 + (i * 1_000), TimestampType.CreateTime) });
            }
        }

        await using var consumer = new KafkaConsumer<Null, string>(ConsumerOptions());
        Assert.That(await consumer.QueryWatermarkOffsetsAsync(tp), Is.EqualTo(new WatermarkOffsets(0, 10)));
        var found = await consumer.OffsetsForTimesAsync(new Dictionary<TopicPartition, DateTimeOffset> { [tp] = DateTimeOffset.FromUnixTimeMilliseconds(1_004_500) });
        Assert.That(found.Single().Offset, Is.EqualTo(5));
        var none = await consumer.OffsetsForTimesAsync(new Dictionary<TopicPartition, DateTimeOffset> { [tp] = DateTimeOffset.FromUnixTimeMilliseconds(9_000_000) });
        Assert.That(none.Single().Offset, Is.EqualTo(Offset.End));
    }

    [Test]
    public async Task Subscribe_without_a_group_id_is_refused_clearly()
    {
        await using var consumer = new KafkaConsumer<string, string>(ConsumerOptions());
        var error = Assert.Throws<InvalidOperationException>(() => consumer.Subscribe("x"));
        Assert.That(error!.Message, Does.Contain("GroupId"));
    }
}
