namespace Kafka.Client;

/// <summary>The built-in partitioners, one shared thread-safe instance each.</summary>
public static class Partitioners
{
    private static readonly Murmur2RandomPartitioner Murmur2RandomInstance = new();
    private static readonly Murmur2Partitioner Murmur2Instance = new();
    private static readonly ConsistentPartitioner ConsistentInstance = new();
    private static readonly ConsistentRandomPartitioner ConsistentRandomInstance = new();
    private static readonly RandomPartitioner RandomInstance = new();
    private static readonly Fnv1aPartitioner Fnv1aInstance = new();
    private static readonly Fnv1aRandomPartitioner Fnv1aRandomInstance = new();

    /// <summary>The partitioner for <paramref name="partitioner"/>.</summary>
    /// <remarks>
    /// <see cref="Partitioner.Default"/> (the Java client's) and <see cref="Partitioner.Murmur2Random"/> place
    /// records the same way and share a <see cref="Murmur2RandomPartitioner"/>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitioner"/> is not a defined value.</exception>
    public static IPartitioner Get(Partitioner partitioner) => partitioner switch
    {
        Partitioner.Default or Partitioner.Murmur2Random => Murmur2RandomInstance,
        Partitioner.Murmur2 => Murmur2Instance,
        Partitioner.Consistent => ConsistentInstance,
        Partitioner.ConsistentRandom => ConsistentRandomInstance,
        Partitioner.Random => RandomInstance,
        Partitioner.Fnv1a => Fnv1aInstance,
        Partitioner.Fnv1aRandom => Fnv1aRandomInstance,
        _ => throw new ArgumentOutOfRangeException(nameof(partitioner), partitioner, "Unknown partitioner."),
    };
}
