namespace Kafka.Client;

/// <summary>
/// A built-in partitioner: how the producer picks a partition for a record that names none. <see cref="Default"/>
/// is the Java client's; the others are librdkafka's, by its <c>partitioner</c> property names, so a producer can
/// place keys exactly as an existing Confluent.Kafka or librdkafka producer does.
/// </summary>
/// <remarks>
/// Wherever a partitioner has no opinion (null keys, except for <see cref="Murmur2"/>, <see cref="Consistent"/> and
/// <see cref="Fnv1a"/>), the record goes to the producer's sticky partition (see <see cref="StickyPartitionSelector"/>),
/// as both clients do by default. See <see cref="Partitioners"/> for the implementations.
/// </remarks>
public enum Partitioner
{
    /// <summary>
    /// The Java client's built-in partitioner (no <c>partitioner.class</c>): keyed records by
    /// <c>(murmur2(key) &amp; 0x7fffffff) % partitions</c>, null keys sticky (KIP-794). Not a librdkafka name.
    /// </summary>
    Default = 0,

    /// <summary>librdkafka <c>murmur2</c>: Java-compatible murmur2 of the key; a null key hashes as an empty key (one fixed partition).</summary>
    Murmur2 = 1,

    /// <summary>librdkafka <c>murmur2_random</c>: Java-compatible murmur2 of the key; null keys sticky. Same placement as <see cref="Default"/>.</summary>
    Murmur2Random = 2,

    /// <summary>librdkafka <c>consistent_random</c> (librdkafka's default): CRC-32 of the key; null and empty keys sticky.</summary>
    ConsistentRandom = 3,

    /// <summary>librdkafka <c>consistent</c>: CRC-32 of the key; null and empty keys all go to one partition.</summary>
    Consistent = 4,

    /// <summary>librdkafka <c>random</c>: a random partition for each keyed record; null keys sticky.</summary>
    Random = 5,

    /// <summary>librdkafka <c>fnv1a</c>: FNV-1a hash of the key (Sarama-compatible); a null key hashes as an empty key.</summary>
    Fnv1a = 6,

    /// <summary>librdkafka <c>fnv1a_random</c>: FNV-1a hash of the key; null keys sticky.</summary>
    Fnv1aRandom = 7,
}
