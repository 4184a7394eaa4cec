using System.Globalization;

namespace Kafka.Client;

public sealed partial class ProducerOptions
{
    // Java's ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE: brokers keep 5 batches per producer.
    private const int MaxInFlightForIdempotence = 5;

    private static int s_clientIdSequence;

    /// <summary>
    /// Whether the producer will be idempotent: <see cref="EnableIdempotence"/>, unless it was left at its
    /// default and <see cref="Acks"/> or <see cref="Retries"/> turn it off (Java's
    /// <c>ProducerConfig.postProcessAndValidateIdempotenceConfigs</c>).
    /// </summary>
    internal bool IdempotenceEnabled => ResolveIdempotence(throwOnConflict: false);

    /// <summary>
    /// The delivery timeout to use: <see cref="DeliveryTimeoutMs"/>, raised to <see cref="LingerMs"/> +
    /// <see cref="ClientOptions.RequestTimeoutMs"/> when it was left at its default and is smaller (Java's
    /// <c>KafkaProducer.configureDeliveryTimeout</c>).
    /// </summary>
    internal int EffectiveDeliveryTimeoutMs
    {
        get
        {
            int minimum = (int)Math.Min(LingerMs + (long)RequestTimeoutMs, int.MaxValue);
            return !DeliveryTimeoutSetExplicitly && DeliveryTimeoutMs < minimum ? minimum : DeliveryTimeoutMs;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Besides each value's range: <c>bootstrap.servers</c> lists at least one <c>host:port</c>; the compression
    /// level suits the codec; the idempotence rules of <see cref="EnableIdempotence"/>; a
    /// <see cref="TransactionalId"/> needs idempotence; an explicit <see cref="DeliveryTimeoutMs"/> is at least
    /// <see cref="LingerMs"/> + <see cref="ClientOptions.RequestTimeoutMs"/>.
    /// </remarks>
    public override void Validate()
    {
        Table.Check(this);
        ValidateBootstrapServers();
        ValidateSecurity();
        if (CompressionLevel is int level && CompressionLevelError(CompressionType, level) is { } levelError)
        {
            string name = CompressionType switch
            {
                CompressionType.Gzip => "compression.gzip.level",
                CompressionType.Lz4 => "compression.lz4.level",
                _ => "compression.zstd.level",
            };
            throw new ArgumentException($"Invalid value '{level}' for Kafka property '{name}': {levelError}");
        }

        bool idempotent = ResolveIdempotence(throwOnConflict: true);
        if (TransactionalId is not null && !idempotent)
        {
            throw new ArgumentException(
                $"Cannot set a transactional.id without also enabling idempotence (enable.idempotence={Bool(EnableIdempotence)}, acks={AcksName(Acks)}, retries={Retries}).");
        }

        if (DeliveryTimeoutSetExplicitly && DeliveryTimeoutMs < LingerMs + (long)RequestTimeoutMs)
        {
            throw new ArgumentException(
                $"delivery.timeout.ms ({DeliveryTimeoutMs}) should be equal to or larger than linger.ms ({LingerMs}) + request.timeout.ms ({RequestTimeoutMs}).");
        }
    }

    /// <inheritdoc />
    internal override string ResolveClientId() =>
        ClientId.Length > 0
            ? ClientId
            : "producer-" + (TransactionalId ?? Interlocked.Increment(ref s_clientIdSequence).ToString(CultureInfo.InvariantCulture));

    private bool ResolveIdempotence(bool throwOnConflict)
    {
        if (!EnableIdempotence)
        {
            return false;
        }

        bool explicitly = EnableIdempotenceSetExplicitly;
        bool enabled = true;
        if (Retries == 0)
        {
            if (explicitly && throwOnConflict)
            {
                throw new ArgumentException("Must set retries to non-zero when using the idempotent producer (enable.idempotence=true, retries=0).");
            }

            enabled = false;
        }

        if (Acks != Acks.All)
        {
            if (explicitly && throwOnConflict)
            {
                throw new ArgumentException(
                    $"Must set acks to all in order to use the idempotent producer (enable.idempotence=true, acks={AcksName(Acks)}). Otherwise we cannot guarantee idempotence.");
            }

            enabled = false;
        }

        // Kafka 4.0 checks this whether or not enable.idempotence was set, before acks/retries turn it off (KAFKA-17927).
        if (MaxInFlightRequestsPerConnection > MaxInFlightForIdempotence && throwOnConflict)
        {
            throw new ArgumentException(
                $"To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is {MaxInFlightRequestsPerConnection}. Set enable.idempotence=false to allow more.");
        }

        return enabled;
    }

    private static string AcksName(Acks acks) => acks switch
    {
        Acks.All => "all",
        Acks.None => "0",
        Acks.Leader => "1",
        _ => ((int)acks).ToString(CultureInfo.InvariantCulture),
    };

    private static string Bool(bool value) => value ? "true" : "false";
}
