using System.Diagnostics;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Producing;

/// <summary>
/// The callback API: handlers may produce again, <c>FlushAsync</c> waits only for what was produced before it,
/// and the synchronous <c>Produce</c> blocks for metadata and buffer memory like the Java client's <c>send()</c>.
/// </summary>
public class ProducerCallbackTests : ProducerTestBase
{
    [Test]
    public async Task A_delivery_handler_may_produce_again_from_inside_the_callback()
    {
        await Cluster.CreateTopicAsync("chain");
        await using var producer = new KafkaProducer<Null, string>(Options());
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        void Next(int i)
        {
            producer.Produce("chain", new Message<Null, string> { Value = $"c{i}" }, report =>
            {
                if (report.Error is not null)
                {
                    done.TrySetException(report.Error);
                }
                else if (i == 49)
                {
                    done.TrySetResult(i);
                }
                else
                {
                    Next(i + 1);
                }
            });
        }

        Next(0);
        Assert.That(await done.Task.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(49));
        Assert.That(PartitionLog.Values(Cluster, "chain", 0), Is.EqualTo(Enumerable.Range(0, 50).Select(i => $"c{i}")));
    }

    [Test]
    public async Task Flush_returns_once_earlier_messages_are_delivered_while_another_thread_keeps_producing()
    {
        await Cluster.CreateTopicAsync("busy", partitions: 2);
        await Cluster.CreateTopicAsync("tracked");
        await using var producer = new KafkaProducer<Null, string>(Options(o => o.LingerMs = 5));
        using var stop = new CancellationTokenSource();
        long backgroundSent = 0;
        Task background = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                producer.Produce("busy", new Message<Null, string> { Value = "noise" });
                if (Interlocked.Increment(ref backgroundSent) % 100 == 0)
                {
                    await Task.Yield();
                }
            }
        });

        int delivered = 0;
        for (int i = 0; i < 100; i++)
        {
            producer.Produce("tracked", new Message<Null, string> { Value = $"t{i}" }, r =>
            {
                if (r.Error is null)
                {
                    Interlocked.Increment(ref delivered);
                }
            });
        }

        await producer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(Volatile.Read(ref delivered), Is.EqualTo(100), "flush waited for every message produced before it");
        Assert.That(background.IsCompleted, Is.False, "the other thread was still producing when flush returned");
        stop.Cancel();
        await background;
        await producer.FlushAsync();
        Assert.That(PartitionLog.Values(Cluster, "busy", 0).Count + PartitionLog.Values(Cluster, "busy", 1).Count, Is.EqualTo(Interlocked.Read(ref backgroundSent)));
    }

    [Test]
    public async Task Produce_blocks_for_metadata_up_to_max_block_ms_and_then_reports_the_error()
    {
        await using var producer = new KafkaProducer<Null, string>(Options(o => o.MaxBlockMs = 400));
        KafkaException? error = null;
        var watch = Stopwatch.StartNew();
        producer.Produce("absent", new Message<Null, string> { Value = "x" }, r => error = r.Error);
        watch.Stop();

        Assert.That(watch.ElapsedMilliseconds, Is.GreaterThanOrEqualTo(350), "the call waited for the topic's metadata");
        Assert.That(error, Is.Not.Null, "the handler ran before Produce returned");
        Assert.That(error!.Message, Does.Contain("not present in metadata").And.Contain("max.block.ms"));
        await producer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task With_a_stopped_cluster_produce_blocks_for_buffer_memory_then_reports_the_error_and_dispose_does_not_hang()
    {
        await Cluster.CreateTopicAsync("full");
        var producer = new KafkaProducer<Null, byte[]>(SmallBufferOptions(deliveryTimeoutMs: 2_000));
        await producer.ProduceAsync("full", new Message<Null, byte[]> { Value = new byte[10] });
        await Cluster.StopBrokerAsync(Cluster.BrokerIds[0]);

        var errors = new List<KafkaException?>();
        var blockedFor = new List<long>();
        for (int i = 0; i < 12; i++)
        {
            var watch = Stopwatch.StartNew();
            producer.Produce("full", new Message<Null, byte[]> { Value = new byte[500] }, r => { lock (errors) { errors.Add(r.Error); } });
            blockedFor.Add(watch.ElapsedMilliseconds);
        }

        Assert.That(blockedFor.Max(), Is.GreaterThanOrEqualTo(250), "a call that found buffer.memory full waited for room");
        await producer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(errors, Has.Count.EqualTo(12));
        Assert.That(errors, Has.All.Not.Null, "nothing was acknowledged by a stopped cluster");
        Assert.That(errors.Any(e => e!.Message.Contains("buffer.memory", StringComparison.Ordinal) && e.Message.Contains("max.block.ms", StringComparison.Ordinal)), Is.True,
            string.Join(" | ", errors.Select(e => e!.Message)));
        await producer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Test]
    public async Task Dispose_flushes_what_is_still_lingering_before_it_closes()
    {
        await Cluster.CreateTopicAsync("lingering");
        var producer = new KafkaProducer<Null, string>(Options(o => o.LingerMs = 10_000));
        int delivered = 0;
        for (int i = 0; i < 100; i++)
        {
            producer.Produce("lingering", new Message<Null, string> { Value = $"l{i}" }, r =>
            {
                if (r.Error is null)
                {
                    Interlocked.Increment(ref delivered);
                }
            });
        }

        await producer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(8));
        Assert.That(delivered, Is.EqualTo(100), "dispose sent the lingering batch instead of waiting out linger.ms or dropping it");
        Assert.That(PartitionLog.Values(Cluster, "lingering", 0), Has.Count.EqualTo(100));
        Assert.Throws<ObjectDisposedException>(() => producer.Produce("lingering", new Message<Null, string> { Value = "late" }));
    }

    [Test]
    public async Task A_handler_may_produce_again_when_its_own_message_holds_all_the_buffer_memory()
    {
        await Cluster.CreateTopicAsync("tight");
        await using var producer = new KafkaProducer<Null, byte[]>(Options(o =>
        {
            o.BufferMemory = 1_000; // one 600-byte message at a time
            o.BatchSize = 1_024;
            o.MaxBlockMs = 2_000;
            o.LingerMs = 0;
        }));
        var outcomes = new List<KafkaException?>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void Next(int i)
        {
            producer.Produce("tight", new Message<Null, byte[]> { Value = new byte[600] }, report =>
            {
                lock (outcomes)
                {
                    outcomes.Add(report.Error);
                }

                if (i < 4)
                {
                    Next(i + 1); // needs the memory of the message being reported
                }
                else
                {
                    done.TrySetResult();
                }
            });
        }

        Next(0);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(outcomes, Has.Count.EqualTo(5));
        Assert.That(outcomes, Has.All.Null, "buffer memory is given back before the handler runs, so it does not wait for itself");
        Assert.That(PartitionLog.Values(Cluster, "tight", 0), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task A_handler_that_produces_while_other_batches_hold_the_memory_does_not_block_the_thread_that_frees_it()
    {
        await Cluster.CreateTopicAsync("held", partitions: 2);
        await using var producer = new KafkaProducer<Null, byte[]>(Options(o =>
        {
            o.BufferMemory = 1_000;
            o.BatchSize = 1_024;
            o.MaxBlockMs = 20_000;
            o.DeliveryTimeoutMs = 1_000;
            o.RequestTimeoutMs = 500;
            o.LingerMs = 0;
        }));
        await producer.ProduceAsync(new TopicPartition("held", 0), new Message<Null, byte[]> { Value = [1] });
        await Cluster.StopBrokerAsync(Cluster.BrokerIds[0]);

        // Two batches of ~430 B on two partitions hold the memory; both expire in the same pass of the sender.
        // The first one's handler produces 600 B, which only fits once the second batch is freed.
        var again = new TaskCompletionSource<KafkaException?>(TaskCreationOptions.RunContinuationsAsynchronously);
        producer.Produce(new TopicPartition("held", 0), new Message<Null, byte[]> { Value = new byte[400] }, _ =>
            producer.Produce(new TopicPartition("held", 0), new Message<Null, byte[]> { Value = new byte[600] }, r => again.TrySetResult(r.Error)));
        producer.Produce(new TopicPartition("held", 1), new Message<Null, byte[]> { Value = new byte[400] });

        KafkaException? error = await again.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.That(error, Is.Not.Null, "the cluster is stopped");
        Assert.That(error!.Message, Does.Contain("Expiring").And.Not.Contain("buffer.memory"),
            "the handler's message waited in line and expired; it did not block the sender for max.block.ms");
    }
}
