using System.Globalization;
using Kafka.Client.Options;

namespace Kafka.Client;

public sealed partial class ProducerOptions
{
    private static readonly (string Name, Acks Value)[] AcksNames = [("all", Acks.All), ("-1", Acks.All), ("0", Acks.None), ("1", Acks.Leader)];

    private static readonly (string Name, CompressionType Value)[] CompressionNames =
    [
        ("none", CompressionType.None), ("gzip", CompressionType.Gzip), ("snappy", CompressionType.Snappy),
        ("lz4", CompressionType.Lz4), ("zstd", CompressionType.Zstd),
    ];

    // librdkafka's names (CONFIGURATION.md, `partitioner`); Default is the Java client's and has none.
    private static readonly (string Name, Partitioner Value)[] PartitionerNames =
    [
        ("murmur2", Partitioner.Murmur2), ("murmur2_random", Partitioner.Murmur2Random),
        ("consistent", Partitioner.Consistent), ("consistent_random", Partitioner.ConsistentRandom),
        ("random", Partitioner.Random), ("fnv1a", Partitioner.Fnv1a), ("fnv1a_random", Partitioner.Fnv1aRandom),
    ];

    private static readonly PropertyTable<ProducerOptions> Table = new(
    [
        .. CommonProperties.For<ProducerOptions>(),
        OptionProperties.Enum("acks", "Replicas that must have a record: all, 0 or 1.", static (ProducerOptions o) => o.Acks, static (o, v) => o.Acks = v, AcksNames),
        OptionProperties.Int64<ProducerOptions>("linger.ms", "How long a batch waits for more records.", static o => o.LingerMs, static (o, v) => o.LingerMs = v, min: 0),
        OptionProperties.Int32<ProducerOptions>("batch.size", "Bytes per partition batch.", static o => o.BatchSize, static (o, v) => o.BatchSize = v, min: 0),
        OptionProperties.Boolean<ProducerOptions>("enable.idempotence", "Exactly once per partition, in order.", static o => o.EnableIdempotence, static (o, v) => o.EnableIdempotence = v),
        OptionProperties.Int32<ProducerOptions>("retries", "How often a failed send is retried.", static o => o.Retries, static (o, v) => o.Retries = v, min: 0),
        OptionProperties.Int32<ProducerOptions>("delivery.timeout.ms", "Bound on reporting a send's outcome.", static o => o.DeliveryTimeoutMs, static (o, v) => o.DeliveryTimeoutMs = v, min: 0),
        OptionProperties.Int64<ProducerOptions>("buffer.memory", "Bytes of records waiting to be sent.", static o => o.BufferMemory, static (o, v) => o.BufferMemory = v, min: 0),
        OptionProperties.Enum("compression.type", "Batch compression: none, gzip, snappy, lz4, zstd.", static (ProducerOptions o) => o.CompressionType, static (o, v) => o.CompressionType = v, CompressionNames),
        LevelProperty("compression.gzip.level", CompressionType.Gzip),
        LevelProperty("compression.lz4.level", CompressionType.Lz4),
        LevelProperty("compression.zstd.level", CompressionType.Zstd),
        OptionProperties.Int32<ProducerOptions>("max.request.size", "Largest Produce request.", static o => o.MaxRequestSize, static (o, v) => o.MaxRequestSize = v, min: 0),
        OptionProperties.Int64<ProducerOptions>("max.block.ms", "How long a send may wait for metadata or buffer room.", static o => o.MaxBlockMs, static (o, v) => o.MaxBlockMs = v, min: 0),
        OptionProperties.Int32<ProducerOptions>("max.in.flight.requests.per.connection", "Unanswered Produce requests per connection.", static o => o.MaxInFlightRequestsPerConnection, static (o, v) => o.MaxInFlightRequestsPerConnection = v, min: 1),
        OptionProperties.Int64<ProducerOptions>("metadata.max.idle.ms", "How long an unused topic's metadata is kept.", static o => o.MetadataMaxIdleMs, static (o, v) => o.MetadataMaxIdleMs = v, min: 5_000),
        new OptionProperty<ProducerOptions>(
            "partitioner",
            "librdkafka partitioner name; unset for the Java client's.",
            static (o, v) => o.Partitioner = OptionProperties.ParseName(v, PartitionerNames),
            static o => OptionProperties.NameOf(o.Partitioner, PartitionerNames),
            static o => o.Partitioner == Partitioner.Default || OptionProperties.NameOf(o.Partitioner, PartitionerNames) is not null ? null : $"{o.Partitioner} is not a valid value."),
        OptionProperties.Boolean<ProducerOptions>("partitioner.ignore.keys", "Place keyed records as if unkeyed.", static o => o.PartitionerIgnoreKeys, static (o, v) => o.PartitionerIgnoreKeys = v),
        OptionProperties.Boolean<ProducerOptions>("partitioner.adaptive.partitioning.enable", "Prefer less loaded brokers for unkeyed records.", static o => o.PartitionerAdaptivePartitioningEnable, static (o, v) => o.PartitionerAdaptivePartitioningEnable = v),
        OptionProperties.Int64<ProducerOptions>("partitioner.availability.timeout.ms", "Avoid brokers that take no batches this long; 0 never.", static o => o.PartitionerAvailabilityTimeoutMs, static (o, v) => o.PartitionerAvailabilityTimeoutMs = v, min: 0),
        OptionProperties.String<ProducerOptions>("transactional.id", "Makes the producer transactional.", static o => o.TransactionalId, static (o, v) => o.TransactionalId = v, allowEmpty: false),
        OptionProperties.Int32<ProducerOptions>("transaction.timeout.ms", "How long a transaction may stay open.", static o => o.TransactionTimeoutMs, static (o, v) => o.TransactionTimeoutMs = v, min: 1),
    ]);

    // Levels given by property, per codec, until FromProperties knows the codec (Java reads only the chosen one).
    private int?[]? _levelsByCodec;

    /// <summary>Creates options from Kafka property names and values, e.g. <c>"linger.ms" = "10"</c>.</summary>
    /// <param name="properties">Names and values; a later pair for the same name wins.</param>
    /// <returns>The options, not yet validated (see <see cref="Validate"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="properties"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is unknown or a value is invalid; the message names the key and the value.</exception>
    public static ProducerOptions FromProperties(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var options = new ProducerOptions();
        Table.Apply(options, properties);
        if (options._levelsByCodec is { } levels && levels[(int)options.CompressionType] is int level)
        {
            options.CompressionLevel = level;
        }

        options._levelsByCodec = null;
        return options;
    }

    /// <inheritdoc cref="FromProperties(IEnumerable{KeyValuePair{string, string}})"/>
    public static ProducerOptions FromProperties(IDictionary<string, string> properties) =>
        FromProperties((IEnumerable<KeyValuePair<string, string>>)properties);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> ToProperties() => Table.ToProperties(this);

    /// <summary>The Kafka properties <see cref="FromProperties(IEnumerable{KeyValuePair{string, string}})"/> accepts, in table order.</summary>
    internal static IReadOnlyList<OptionProperty<ProducerOptions>> KnownProperties => Table.Properties;

    private static OptionProperty<ProducerOptions> LevelProperty(string name, CompressionType codec) =>
        new(
            name,
            $"Compression level when compression.type is {codec.ToString().ToLowerInvariant()}.",
            (o, v) =>
            {
                if (!int.TryParse(v.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int level))
                {
                    throw new FormatException("expected a 32-bit integer.");
                }

                if (CompressionLevelError(codec, level) is { } error)
                {
                    throw new FormatException(error);
                }

                (o._levelsByCodec ??= new int?[5])[(int)codec] = level;
            },
            o => o.CompressionType == codec ? o.CompressionLevel?.ToString(CultureInfo.InvariantCulture) : null);

    /// <summary>Why <paramref name="level"/> is not a level of <paramref name="codec"/> in Kafka 4.0, or null.</summary>
    /// <remarks>
    /// Ranges from Kafka's <c>GzipCompression</c>, <c>Lz4Compression</c> and <c>ZstdCompression</c>
    /// (clients/src/main/java/org/apache/kafka/common/compress/).
    /// </remarks>
    private static string? CompressionLevelError(CompressionType codec, int level) => codec switch
    {
        CompressionType.Gzip when level is not (-1 or (>= 1 and <= 9)) => "gzip levels are 1 to 9, or -1 for the default.",
        CompressionType.Lz4 when level is < 1 or > 17 => "lz4 levels are 1 to 17.",
        CompressionType.Zstd when level is < -131072 or > 22 => "zstd levels are -131072 to 22.",
        _ => null,
    };
}
