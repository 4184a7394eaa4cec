using System.Text;

namespace Kafka.Client.Tests.Partitioning;

/// <summary>murmur2 and FNV-1a against the published values of the Java client and of librdkafka.</summary>
public class HashTests
{
    // apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2.
    [TestCase("21", -973932308)]
    [TestCase("foobar", -790332482)]
    [TestCase("a-little-bit-long-string", -985981536)]
    [TestCase("a-little-bit-longer-string", -1486304829)]
    [TestCase("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [TestCase("abc", 479470107)]
    // confluentinc/librdkafka src/rdmurmur2.c, unittest_murmur2 (values from the Java client).
    [TestCase("kafka", unchecked((int)0xd067cf64))]
    [TestCase("giberish123456789", unchecked((int)0x8f552b0c))]
    [TestCase("1234", unchecked((int)0x9fc97b14))]
    [TestCase("234", unchecked((int)0xe7c009ca))]
    [TestCase("34", unchecked((int)0x873930da))]
    [TestCase("4", unchecked((int)0x5a4b5ca1))]
    [TestCase("PreAmbleWillBeRemoved,ThePrePartThatIs", unchecked((int)0x78424f1c))]
    [TestCase("reAmbleWillBeRemoved,ThePrePartThatIs", unchecked((int)0x4a62b377))]
    [TestCase("eAmbleWillBeRemoved,ThePrePartThatIs", unchecked((int)0xe0e4e09e))]
    [TestCase("AmbleWillBeRemoved,ThePrePartThatIs", unchecked((int)0x62b8b43f))]
    [TestCase("", unchecked((int)0x106e08d9))]
    public void Murmur2_matches_the_Java_client(string key, int expected) =>
        Assert.That(Murmur2.Hash(Encoding.ASCII.GetBytes(key)), Is.EqualTo(expected));

    [Test]
    public void Murmur2_reads_tail_bytes_as_unsigned()
    {
        // Bytes >= 0x80 in the tail are where a signed read would differ; Java masks them with 0xff.
        byte[] key = [0x01, 0x02, 0x03, 0x04, 0xff, 0x80, 0xfe];
        Assert.That(Murmur2.Hash(key), Is.EqualTo(ReferenceMurmur2(key)));
    }

    [Test]
    public void Murmur2_partition_masks_the_sign_bit_before_the_modulo()
    {
        byte[] key = Encoding.ASCII.GetBytes("foobar"); // hash -790332482
        Assert.That(Murmur2.Partition(key, 7), Is.EqualTo((-790332482 & 0x7fffffff) % 7));
    }

    // confluentinc/librdkafka src/rdfnv1a.c, unittest_fnv1a (values from Go's hash/fnv, as Sarama uses).
    [TestCase("kafka", 0xd33c4e1u)]
    [TestCase("giberish123456789", 0x77a58295u)]
    [TestCase("1234", 0x23bdd03u)]
    [TestCase("234", 0x2dea3cd2u)]
    [TestCase("34", 0x740fa83eu)]
    [TestCase("4", 0x310ca263u)]
    [TestCase("PreAmbleWillBeRemoved,ThePrePartThatIs", 0x65cbd69cu)]
    [TestCase("reAmbleWillBeRemoved,ThePrePartThatIs", 0x6e49c79au)]
    [TestCase("eAmbleWillBeRemoved,ThePrePartThatIs", 0x69eed356u)]
    [TestCase("AmbleWillBeRemoved,ThePrePartThatIs", 0x6abcc023u)]
    [TestCase("", 0x7ee3623bu)]
    public void Fnv1a_matches_librdkafka(string key, uint expected) =>
        Assert.That(Fnv1a.Hash(Encoding.ASCII.GetBytes(key)), Is.EqualTo(expected));

    [Test]
    public void Random_keys_hash_as_a_straightforward_murmur2_does()
    {
        var random = new Random(1234);
        for (int i = 0; i < 2_000; i++)
        {
            byte[] key = new byte[random.Next(0, 64)];
            random.NextBytes(key);
            Assert.That(Murmur2.Hash(key), Is.EqualTo(ReferenceMurmur2(key)), Convert.ToHexString(key));
        }
    }

    // The algorithm as NOTES.md writes it, byte by byte, as an independent check of the span version.
    private static int ReferenceMurmur2(byte[] data)
    {
        const int m = 0x5bd1e995;
        int length = data.Length;
        int h = unchecked((int)0x9747b28c) ^ length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++)
        {
            int i4 = i * 4;
            int k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16) + ((data[i4 + 3] & 0xff) << 24);
            k *= m;
            k ^= (int)((uint)k >> 24);
            k *= m;
            h *= m;
            h ^= k;
        }

        int t = length & ~3;
        switch (length % 4)
        {
            case 3:
                h ^= (data[t + 2] & 0xff) << 16;
                goto case 2;
            case 2:
                h ^= (data[t + 1] & 0xff) << 8;
                goto case 1;
            case 1:
                h ^= data[t] & 0xff;
                h *= m;
                break;
        }

        h ^= (int)((uint)h >> 13);
        h *= m;
        h ^= (int)((uint)h >> 15);
        return h;
    }
}
