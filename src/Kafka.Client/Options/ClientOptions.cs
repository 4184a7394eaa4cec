using Kafka.Client.Options;
using Microsoft.Extensions.Logging;

namespace Kafka.Client;

/// <summary>
/// What every client (producer, consumer, admin client) is configured with: where the cluster is, timeouts and
/// backoffs. Defaults are the Java client's (Kafka 4.0, <c>CommonClientConfigs.java</c> and the per-client config
/// classes); each property's <c>remarks</c> give its Kafka name and default.
/// </summary>
public abstract partial class ClientOptions
{
    private protected ClientOptions()
    {
    }

    /// <summary>The brokers to ask for the cluster's metadata first: <c>host:port</c> entries separated by commas.</summary>
    /// <remarks>Kafka: <c>bootstrap.servers</c>. Required, no default. IPv6 hosts in brackets (<c>[::1]:9092</c>).</remarks>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The name the client gives the brokers in every request, for their logs, metrics and quotas.</summary>
    /// <remarks>
    /// Kafka: <c>client.id</c>. Default empty, and then a name is generated as the Java client does:
    /// <c>producer-N</c> (or <c>producer-</c> + the transactional id), <c>consumer-GROUP-N</c> (or
    /// <c>consumer-GROUP-</c> + the group instance id), <c>adminclient-N</c>; N counts clients in the process from 1.
    /// </remarks>
    public string ClientId { get; set; } = "";

    /// <summary>How long to wait for the response to a request before failing it (and maybe retrying).</summary>
    /// <remarks>Kafka: <c>request.timeout.ms</c>. Default 30000 (30 s). At least 0.</remarks>
    public int RequestTimeoutMs { get; set; } = 30_000;

    /// <summary>How old the cached metadata may get before it is refreshed even without an error.</summary>
    /// <remarks>Kafka: <c>metadata.max.age.ms</c>. Default 300000 (5 min). At least 0.</remarks>
    public long MetadataMaxAgeMs { get; set; } = 300_000;

    /// <summary>The first wait before reconnecting to a broker after a failed connection.</summary>
    /// <remarks>Kafka: <c>reconnect.backoff.ms</c>. Default 50. At least 0. Doubles per failure, with jitter, up to <see cref="ReconnectBackoffMaxMs"/>.</remarks>
    public long ReconnectBackoffMs { get; set; } = 50;

    /// <summary>The longest wait before reconnecting to a broker that keeps failing.</summary>
    /// <remarks>Kafka: <c>reconnect.backoff.max.ms</c>. Default 1000. At least 0.</remarks>
    public long ReconnectBackoffMaxMs { get; set; } = 1_000;

    /// <summary>The first wait before retrying a failed request.</summary>
    /// <remarks>Kafka: <c>retry.backoff.ms</c>. Default 100. At least 0. Doubles per failure, with jitter, up to <see cref="RetryBackoffMaxMs"/>.</remarks>
    public long RetryBackoffMs { get; set; } = 100;

    /// <summary>The longest wait before retrying a request that keeps failing.</summary>
    /// <remarks>Kafka: <c>retry.backoff.max.ms</c>. Default 1000. At least 0.</remarks>
    public long RetryBackoffMaxMs { get; set; } = 1_000;

    /// <summary>How long a TCP connection (and TLS handshake) may take before it is abandoned.</summary>
    /// <remarks>Kafka: <c>socket.connection.setup.timeout.ms</c>. Default 10000. Grows per failure up to <see cref="SocketConnectionSetupTimeoutMaxMs"/>.</remarks>
    public long SocketConnectionSetupTimeoutMs { get; set; } = 10_000;

    /// <summary>The longest connection setup timeout after repeated failures.</summary>
    /// <remarks>Kafka: <c>socket.connection.setup.timeout.max.ms</c>. Default 30000.</remarks>
    public long SocketConnectionSetupTimeoutMaxMs { get; set; } = 30_000;

    /// <summary>How long a connection may stay unused before the client closes it.</summary>
    /// <remarks>
    /// Kafka: <c>connections.max.idle.ms</c>. Default 540000 (9 min, below the broker's 10 min) for producers and
    /// consumers, 300000 (5 min) for the admin client. -1 keeps idle connections open.
    /// </remarks>
    public long ConnectionsMaxIdleMs { get; set; } = 540_000;

    /// <summary>Where the client logs; nothing is logged when null.</summary>
    /// <remarks>Not a Kafka property: it has no name in <c>FromProperties</c> or <c>ToProperties</c>. Default null.</remarks>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Checks every value and the rules between them, as the Java client does when it is created. Clients call
    /// this when they are constructed; <c>FromProperties</c> does not, so properties can be completed in code first.
    /// </summary>
    /// <exception cref="ArgumentException">A value or a combination is invalid; the message names the Kafka properties.</exception>
    public abstract void Validate();

    /// <summary>Every option that has a value, by Kafka property name, for logging or for another client.</summary>
    /// <returns>Names and values in a fixed order; values as the Java client writes them.</returns>
    public abstract IReadOnlyDictionary<string, string> ToProperties();

    /// <summary>The client id to send: <see cref="ClientId"/>, or the Java client's generated name when it is empty.</summary>
    internal abstract string ResolveClientId();

    /// <summary>Checks <see cref="BootstrapServers"/> (the rule every client shares).</summary>
    private protected void ValidateBootstrapServers()
    {
        try
        {
            BootstrapServerList.Parse(BootstrapServers);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"Invalid value '{BootstrapServers}' for Kafka property 'bootstrap.servers': {e.Message}", e);
        }
    }
}
