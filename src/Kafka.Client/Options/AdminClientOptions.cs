using System.Globalization;
using Kafka.Client.Options;

namespace Kafka.Client;

/// <summary>
/// Options of an admin client. Defaults are the Java client's (Kafka 4.0 <c>AdminClientConfig.java</c>); each
/// property's <c>remarks</c> give its Kafka name and default.
/// </summary>
public sealed class AdminClientOptions : ClientOptions
{
    private static readonly PropertyTable<AdminClientOptions> Table = new(
    [
        .. CommonProperties.For<AdminClientOptions>(),
        OptionProperties.Int32<AdminClientOptions>("default.api.timeout.ms", "Timeout of calls that take none.", static o => o.DefaultApiTimeoutMs, static (o, v) => o.DefaultApiTimeoutMs = v, min: 0),
        OptionProperties.Int32<AdminClientOptions>("retries", "How often a failed request is retried.", static o => o.Retries, static (o, v) => o.Retries = v, min: 0),
    ]);

    private static int s_clientIdSequence;

    /// <summary>Creates admin client options with Java's defaults.</summary>
    /// <remarks><see cref="ClientOptions.ConnectionsMaxIdleMs"/> is 300000 (5 min) for the admin client, as in Java.</remarks>
    public AdminClientOptions()
    {
        ConnectionsMaxIdleMs = 300_000;
    }

    /// <summary>How long an admin call without its own timeout may take, retries included.</summary>
    /// <remarks>Kafka: <c>default.api.timeout.ms</c>. Default 60000 (1 min). At least 0.</remarks>
    public int DefaultApiTimeoutMs { get; set; } = 60_000;

    /// <summary>How often a failed request is retried; <see cref="DefaultApiTimeoutMs"/> is the usual bound.</summary>
    /// <remarks>Kafka: <c>retries</c>. Default <see cref="int.MaxValue"/>. At least 0.</remarks>
    public int Retries { get; set; } = int.MaxValue;

    /// <summary>Creates options from Kafka property names and values, e.g. <c>"bootstrap.servers" = "broker:9092"</c>.</summary>
    /// <param name="properties">Names and values; a later pair for the same name wins.</param>
    /// <returns>The options, not yet validated (see <see cref="Validate"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="properties"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is unknown or a value is invalid; the message names the key and the value.</exception>
    public static AdminClientOptions FromProperties(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var options = new AdminClientOptions();
        Table.Apply(options, properties);
        return options;
    }

    /// <inheritdoc cref="FromProperties(IEnumerable{KeyValuePair{string, string}})"/>
    public static AdminClientOptions FromProperties(IDictionary<string, string> properties) =>
        FromProperties((IEnumerable<KeyValuePair<string, string>>)properties);

    /// <inheritdoc />
    /// <remarks>Each value's range, and <c>bootstrap.servers</c> lists at least one <c>host:port</c>.</remarks>
    public override void Validate()
    {
        Table.Check(this);
        ValidateBootstrapServers();
        ValidateSecurity();
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> ToProperties() => Table.ToProperties(this);

    /// <summary>The Kafka properties <see cref="FromProperties(IEnumerable{KeyValuePair{string, string}})"/> accepts, in table order.</summary>
    internal static IReadOnlyList<OptionProperty<AdminClientOptions>> KnownProperties => Table.Properties;

    /// <inheritdoc />
    /// <remarks>As Java's <c>KafkaAdminClient.generateClientId</c>: <c>adminclient-N</c>.</remarks>
    internal override string ResolveClientId() =>
        ClientId.Length > 0 ? ClientId : "adminclient-" + Interlocked.Increment(ref s_clientIdSequence).ToString(CultureInfo.InvariantCulture);
}
