namespace Kafka.Client.Tests.Partitioning;

/// <summary>The KIP-794 sticky partitioner for unkeyed records.</summary>
public class StickyPartitionSelectorTests
{
    [Test]
    public void Records_stick_to_one_partition_until_batch_size_bytes_went_to_it()
    {
        var selector = new StickyPartitionSelector(batchSize: 1_000);
        int first = selector.Select("t", 6, [], recordSize: 100);
        for (int i = 1; i < 10; i++)
        {
            Assert.That(selector.Select("t", 6, [], recordSize: 100), Is.EqualTo(first), $"record {i} (the 10th reaches 1000 bytes and still goes there)");
        }

        Assert.That(selector.Select("t", 6, [], recordSize: 100), Is.Not.EqualTo(first), "the 11th record moves on");
    }

    [Test]
    public void A_record_larger_than_the_batch_size_gets_a_partition_to_itself()
    {
        var selector = new StickyPartitionSelector(batchSize: 100);
        int previous = selector.Select("t", 4, [], recordSize: 500);
        for (int i = 0; i < 100; i++)
        {
            int next = selector.Select("t", 4, [], recordSize: 500);
            Assert.That(next, Is.Not.EqualTo(previous));
            previous = next;
        }
    }

    [Test]
    public void Unkeyed_records_spread_evenly_over_many_batches()
    {
        const int partitions = 6;
        const int batchSize = 16_384;
        const int recordSize = 100;
        var selector = new StickyPartitionSelector(batchSize);
        long[] bytes = new long[partitions];
        int batches = 0;
        int previous = -1;
        for (int i = 0; i < 1_000_000; i++)
        {
            int partition = selector.Select("t", partitions, [], recordSize);
            bytes[partition] += recordSize;
            batches += partition != previous ? 1 : 0;
            previous = partition;
        }

        double mean = bytes.Average();
        Assert.Multiple(() =>
        {
            int recordsPerBatch = (batchSize + recordSize - 1) / recordSize; // 164: the record reaching batch.size still goes in
            Assert.That(batches, Is.EqualTo((1_000_000 + recordsPerBatch - 1) / recordsPerBatch), "one switch per batch.size bytes");
            foreach (long b in bytes)
            {
                Assert.That(b, Is.EqualTo(mean).Within(10).Percent, string.Join(", ", bytes));
            }
        });
    }

    [Test]
    public void Only_available_partitions_are_picked()
    {
        var selector = new StickyPartitionSelector(batchSize: 10);
        int[] available = [1, 4, 6];
        var seen = new HashSet<int>();
        for (int i = 0; i < 1_000; i++)
        {
            seen.Add(selector.Select("t", 8, available, recordSize: 10));
        }

        Assert.That(seen, Is.EquivalentTo(available));
    }

    [Test]
    public void The_sticky_partition_is_left_as_soon_as_it_loses_its_leader()
    {
        var selector = new StickyPartitionSelector(batchSize: 1_000_000);
        int current = selector.Select("t", 3, [], recordSize: 1);
        int[] others = [.. Enumerable.Range(0, 3).Where(p => p != current)];
        int next = selector.Select("t", 3, others, recordSize: 1);
        Assert.That(others, Does.Contain(next));
        Assert.That(selector.Select("t", 3, [], recordSize: 1), Is.EqualTo(next), "and the new one sticks");
    }

    [Test]
    public void With_one_available_partition_every_record_goes_there()
    {
        var selector = new StickyPartitionSelector(batchSize: 10);
        for (int i = 0; i < 100; i++)
        {
            Assert.That(selector.Select("t", 5, [3], recordSize: 7), Is.EqualTo(3));
        }
    }

    [Test]
    public void Topics_have_their_own_sticky_partitions_and_byte_counts()
    {
        var selector = new StickyPartitionSelector(batchSize: 1_000);
        int a = selector.Select("a", 50, [], recordSize: 900);
        for (int i = 0; i < 20; i++)
        {
            selector.Select("b", 50, [], recordSize: 900);
        }

        Assert.That(selector.Select("a", 50, [], recordSize: 99), Is.EqualTo(a), "topic a has 999 bytes, not more");
    }

    [Test]
    public void Adaptive_weighting_prefers_partitions_with_shorter_queues()
    {
        var selector = new StickyPartitionSelector(batchSize: 1);
        selector.UpdateLoadStats("t", 3, [0, 1, 2], [0, 9, 9]); // weights 10, 1, 1
        int[] counts = new int[3];
        for (int i = 0; i < 12_000; i++)
        {
            counts[selector.Select("t", 3, [], recordSize: 1)]++;
        }

        Assert.That(counts[0], Is.GreaterThan(counts[1] * 5).And.GreaterThan(counts[2] * 5), string.Join(", ", counts));
    }

    [Test]
    public void Equal_queues_over_every_partition_switch_weighting_off()
    {
        var selector = new StickyPartitionSelector(batchSize: 1);
        selector.UpdateLoadStats("t", 2, [0, 1], [4, 4]);
        int previous = selector.Select("t", 2, [], recordSize: 1);
        for (int i = 0; i < 100; i++)
        {
            int next = selector.Select("t", 2, [], recordSize: 1);
            Assert.That(next, Is.Not.EqualTo(previous), "uniform picks always move to the other partition");
            previous = next;
        }
    }

    [Test]
    public void Concurrent_records_all_get_valid_partitions_and_the_selector_keeps_switching()
    {
        var selector = new StickyPartitionSelector(batchSize: 1_000);
        int[] counts = new int[4];
        Parallel.For(0, 200_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            int partition = selector.Select("t", 4, [], recordSize: 10);
            Interlocked.Increment(ref counts[partition]);
        });

        Assert.That(counts.Sum(), Is.EqualTo(200_000));
        Assert.That(counts, Has.All.GreaterThan(200_000 / 4 * 8 / 10), string.Join(", ", counts));
    }

    [Test]
    public void Selecting_does_not_allocate()
    {
        var selector = new StickyPartitionSelector(batchSize: 500);
        int[] available = [0, 2, 3, 5];
        // Warm up through several partition switches: the first random pick on a thread creates that thread's
        // Random.Shared state, once.
        for (int i = 0; i < 1_000; i++)
        {
            selector.Select("t", 6, available, recordSize: 10);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            selector.Select("t", 6, available, recordSize: 10);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void A_batch_size_of_zero_moves_on_after_every_record()
    {
        var selector = new StickyPartitionSelector(batchSize: 0);
        Assert.That(selector.BatchSize, Is.EqualTo(1));
        int previous = selector.Select("t", 3, [], recordSize: 0);
        Assert.That(selector.Select("t", 3, [], recordSize: 0), Is.EqualTo(previous), "an empty record adds no bytes");
        selector.Select("t", 3, [], recordSize: 1);
        Assert.That(selector.Select("t", 3, [], recordSize: 1), Is.Not.EqualTo(previous));
    }
}
