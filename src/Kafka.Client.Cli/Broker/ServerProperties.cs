using Kafka.Client.Cli.Options;
using Kafka.Client.Testing;

namespace Kafka.Client.Cli.Broker;

/// <summary>
/// A Kafka <c>server.properties</c> read by <c>kafka broker --config</c>: the keys the embedded broker has an option
/// for are applied (<see cref="Applied"/>), the keys of Kafka's own seed files that have no meaning here (threads,
/// buffers, segment sizes, the KRaft controller) are listed in <see cref="WithoutEffect"/>, and any other key is
/// <see cref="Unknown"/>, which Kafka too only warns about ("The configuration 'x' was supplied but isn't a known config.").
/// </summary>
internal sealed class ServerProperties
{
    private readonly Dictionary<string, string> _values;

    private ServerProperties(Dictionary<string, string> values)
    {
        _values = values;
        Unknown = [.. values.Keys.Where(k => !ServerPropertyKeys.Applied.ContainsKey(k) && !ServerPropertyKeys.Special.Contains(k) && !ServerPropertyKeys.WithoutEffect.Contains(k))];
        WithoutEffect = [.. values.Keys.Where(ServerPropertyKeys.WithoutEffect.Contains)];
    }

    /// <summary>The keys no option of the embedded broker matches.</summary>
    public IReadOnlyList<string> Unknown { get; }

    /// <summary>Kafka's keys that the embedded broker accepts without effect.</summary>
    public IReadOnlyList<string> WithoutEffect { get; }

    /// <summary>The keys that set an option.</summary>
    public IEnumerable<string> Applied => _values.Keys.Where(k => ServerPropertyKeys.Applied.ContainsKey(k) || ServerPropertyKeys.Special.Contains(k));

    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<ServerProperties> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Properties.AddAll(values, await PropertiesFile.ReadAsync(path, cancellationToken).ConfigureAwait(false));
        return new ServerProperties(values);
    }

    /// <summary>
    /// Sets the options the file names. <c>node.id</c> (or <c>broker.id</c>) is the first broker's id, the next brokers
    /// take the following ids; listener names are mapped through <c>listener.security.protocol.map</c>, the listeners of
    /// <c>controller.listener.names</c> left out (the embedded cluster has no KRaft controller to reach), and an empty
    /// host means <paramref name="defaultHost"/>.
    /// </summary>
    /// <exception cref="UsageException">A value is invalid, as Kafka's ConfigException says it.</exception>
    public void ApplyTo(EmbeddedKafkaClusterOptions options, string defaultHost)
    {
        foreach ((string key, string value) in _values)
        {
            if (ServerPropertyKeys.Applied.TryGetValue(key, out Action<EmbeddedKafkaClusterOptions, string>? apply))
            {
                try
                {
                    apply(options, value.Trim());
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    throw new UsageException($"Invalid value {value} for configuration {key}: {e.Message}");
                }
            }
        }

        ApplyRetention(options);
        ApplyBrokerId(options);
        ApplyListeners(options, defaultHost);
    }

    private void ApplyRetention(EmbeddedKafkaClusterOptions options)
    {
        // Kafka's precedence: log.retention.ms, then .minutes, then .hours.
        (string Key, long Unit)[] units = [("log.retention.ms", 1), ("log.retention.minutes", 60_000), ("log.retention.hours", 3_600_000)];
        foreach ((string key, long unit) in units)
        {
            if (_values.TryGetValue(key, out string? text))
            {
                long value = ServerPropertyKeys.Long(key, text);
                options.LogRetentionMs = value < 0 ? -1 : checked(value * unit);
                return;
            }
        }
    }

    private void ApplyBrokerId(EmbeddedKafkaClusterOptions options)
    {
        int? nodeId = _values.TryGetValue("node.id", out string? node) ? ServerPropertyKeys.Int("node.id", node) : null;
        int? brokerId = _values.TryGetValue("broker.id", out string? broker) ? ServerPropertyKeys.Int("broker.id", broker) : null;
        if (nodeId is not null && brokerId is not null && nodeId != brokerId)
        {
            throw new UsageException($"broker.id ({brokerId}) must be equal to node.id ({nodeId}).");
        }

        if ((nodeId ?? brokerId) is { } first)
        {
            if (first < 0)
            {
                throw new UsageException($"Invalid value {first} for configuration node.id: the embedded broker needs an id of 0 or more.");
            }

            options.BrokerIds = [.. Enumerable.Range(first, options.Brokers)];
        }
    }

    private void ApplyListeners(EmbeddedKafkaClusterOptions options, string defaultHost)
    {
        if (!_values.TryGetValue("listeners", out string? listeners))
        {
            return;
        }

        Dictionary<string, string> protocols = ProtocolMap();
        HashSet<string> controllers = [.. List("controller.listener.names").Select(n => n.ToUpperInvariant())];
        options.Listeners.Clear();
        foreach (string listener in listeners.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int scheme = listener.IndexOf("://", StringComparison.Ordinal);
            if (scheme <= 0)
            {
                throw new UsageException($"Invalid value {listeners} for configuration listeners: '{listener}' is not NAME://HOST:PORT.");
            }

            string name = listener[..scheme].ToUpperInvariant();
            if (controllers.Contains(name))
            {
                continue;
            }

            string address = listener[(scheme + 3)..];
            string protocol = protocols.TryGetValue(name, out string? mapped) ? mapped : name;
            options.Listeners.Add($"{protocol}://{(address.StartsWith(':') ? defaultHost + address : address)}");
        }

        if (_values.TryGetValue("advertised.listeners", out string? advertised))
        {
            string? host = advertised.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l.Contains("://", StringComparison.Ordinal) && !controllers.Contains(l[..l.IndexOf("://", StringComparison.Ordinal)].ToUpperInvariant()))
                .Select(l => l[(l.IndexOf("://", StringComparison.Ordinal) + 3)..])
                .Select(a => a.LastIndexOf(':') is int colon and >= 0 ? a[..colon] : a)
                .FirstOrDefault(h => h.Length > 0);
            options.AdvertisedHost = host ?? options.AdvertisedHost;
        }
    }

    private Dictionary<string, string> ProtocolMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in List("listener.security.protocol.map"))
        {
            int colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new UsageException($"Invalid value {entry} for configuration listener.security.protocol.map: not NAME:PROTOCOL.");
            }

            map[entry[..colon].Trim().ToUpperInvariant()] = entry[(colon + 1)..].Trim().ToUpperInvariant();
        }

        return map;
    }

    private string[] List(string key) =>
        _values.TryGetValue(key, out string? value) ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
}
