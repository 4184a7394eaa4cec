using System.IO.Hashing;
using System.Text;

namespace Kafka.Client.Tests.Partitioning;

/// <summary>What each built-in partitioner does with keys, empty keys and null keys.</summary>
public class PartitionerTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("customer-42");

    [Test]
    public void Murmur2_partitioner_hashes_a_null_key_as_an_empty_key()
    {
        var partitioner = new Murmur2Partitioner();
        Assert.Multiple(() =>
        {
            Assert.That(partitioner.Partition("t", 7, default, keyIsNull: true), Is.EqualTo((0x106e08d9 & 0x7fffffff) % 7));
            Assert.That(partitioner.Partition("t", 7, default, keyIsNull: false), Is.EqualTo((0x106e08d9 & 0x7fffffff) % 7));
            Assert.That(partitioner.Partition("t", 7, Key, keyIsNull: false), Is.EqualTo(Murmur2.Partition(Key, 7)));
        });
    }

    [Test]
    public void Murmur2_random_partitioner_leaves_null_keys_to_the_sticky_partitioner_and_hashes_empty_keys()
    {
        var partitioner = new Murmur2RandomPartitioner();
        Assert.Multiple(() =>
        {
            Assert.That(partitioner.Partition("t", 7, default, keyIsNull: true), Is.EqualTo(-1));
            Assert.That(partitioner.Partition("t", 7, default, keyIsNull: false), Is.EqualTo((0x106e08d9 & 0x7fffffff) % 7));
            Assert.That(partitioner.Partition("t", 7, Key, keyIsNull: false), Is.EqualTo(Murmur2.Partition(Key, 7)));
        });
    }

    [Test]
    public void Consistent_partitioner_uses_the_standard_crc32_and_sends_null_and_empty_keys_to_partition_0()
    {
        var partitioner = new ConsistentPartitioner();
        Assert.Multiple(() =>
        {
            // The CRC-32/IEEE check value.
            Assert.That(Crc32.HashToUInt32("123456789"u8), Is.EqualTo(0xCBF43926u));
            Assert.That(partitioner.Partition("t", 1000, "123456789"u8, keyIsNull: false), Is.EqualTo((int)(0xCBF43926u % 1000)));
            Assert.That(partitioner.Partition("t", 7, default, keyIsNull: true), Is.Zero);
            Assert.That(partitioner.Partition("t", 7, default, keyIsNull: false), Is.Zero);
        });
    }

    [Test]
    public void Consistent_random_partitioner_leaves_null_and_empty_keys_to_the_sticky_partitioner()
    {
        var partitioner = new ConsistentRandomPartitioner();
        Assert.Multiple(() =>
        {
            Assert.That(partitioner.Partition("t", 7, default, keyIsNull: true), Is.EqualTo(-1));
            Assert.That(partitioner.Partition("t", 7, default, keyIsNull: false), Is.EqualTo(-1));
            Assert.That(partitioner.Partition("t", 7, Key, keyIsNull: false), Is.EqualTo((int)(Crc32.HashToUInt32(Key) % 7)));
        });
    }

    [Test]
    public void Fnv1a_partitioners_differ_only_in_null_keys()
    {
        var consistent = new Fnv1aPartitioner();
        var random = new Fnv1aRandomPartitioner();
        Assert.Multiple(() =>
        {
            Assert.That(consistent.Partition("t", 7, default, keyIsNull: true), Is.EqualTo((int)(0x7ee3623bu % 7)));
            Assert.That(random.Partition("t", 7, default, keyIsNull: true), Is.EqualTo(-1));
            Assert.That(random.Partition("t", 7, default, keyIsNull: false), Is.EqualTo((int)(0x7ee3623bu % 7)));
            Assert.That(random.Partition("t", 7, Key, keyIsNull: false), Is.EqualTo(consistent.Partition("t", 7, Key, keyIsNull: false)));
        });
    }

    [Test]
    public void Random_partitioner_covers_every_partition_and_leaves_null_keys_to_the_sticky_partitioner()
    {
        var partitioner = new RandomPartitioner();
        var seen = new HashSet<int>();
        for (int i = 0; i < 1_000; i++)
        {
            int partition = partitioner.Partition("t", 5, Key, keyIsNull: false);
            Assert.That(partition, Is.InRange(0, 4));
            seen.Add(partition);
        }

        Assert.That(seen, Has.Count.EqualTo(5));
        Assert.That(partitioner.Partition("t", 5, default, keyIsNull: true), Is.EqualTo(-1));
    }

    [Test]
    public void Every_partitioner_stays_within_the_partition_count()
    {
        var random = new Random(7);
        foreach (Partitioner kind in Enum.GetValues<Partitioner>())
        {
            IPartitioner partitioner = Partitioners.Get(kind);
            for (int i = 0; i < 500; i++)
            {
                byte[] key = new byte[random.Next(1, 40)];
                random.NextBytes(key);
                int count = random.Next(1, 100);
                Assert.That(partitioner.Partition("t", count, key, keyIsNull: false), Is.InRange(0, count - 1), kind.ToString());
            }
        }
    }

    [Test]
    public void Default_partitioner_is_murmur2_with_sticky_null_keys()
    {
        Assert.That(Partitioners.Get(Partitioner.Default), Is.InstanceOf<Murmur2RandomPartitioner>());
        Assert.That(Partitioners.Get(Partitioner.Murmur2Random), Is.SameAs(Partitioners.Get(Partitioner.Default)));
    }

    [Test]
    public void A_partition_count_of_zero_is_rejected() =>
        Assert.That(() => new Murmur2Partitioner().Partition("t", 0, Key, keyIsNull: false), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void An_unknown_partitioner_value_is_rejected() =>
        Assert.That(() => Partitioners.Get((Partitioner)99), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
