namespace Kafka.Client.Testing.State;

/// <summary>
/// Dynamic broker configs set through AlterConfigs: per broker (resource name "10") or cluster-wide
/// (resource name ""), over the static values from the cluster's options.
/// </summary>
internal sealed class BrokerConfigStore(ClusterDefaults defaults)
{
    private readonly Dictionary<string, Dictionary<string, string>> _dynamic = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public (string Value, ConfigSource Source) Effective(string config, int brokerId, string listener, string? dataDirectory)
    {
        lock (_sync)
        {
            if (_dynamic.TryGetValue(brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture), out var own) && own.TryGetValue(config, out string? value))
            {
                return (value, ConfigSource.DynamicBroker);
            }

            if (_dynamic.TryGetValue("", out var cluster) && cluster.TryGetValue(config, out string? clusterValue))
            {
                return (clusterValue, ConfigSource.DynamicDefaultBroker);
            }
        }

        return defaults.Broker(config, brokerId, listener, dataDirectory);
    }

    public void Apply(string resourceName, IEnumerable<KeyValuePair<string, string?>> changes, bool replaceAll)
    {
        lock (_sync)
        {
            if (!_dynamic.TryGetValue(resourceName, out var configs))
            {
                configs = new Dictionary<string, string>(StringComparer.Ordinal);
                _dynamic[resourceName] = configs;
            }

            if (replaceAll)
            {
                configs.Clear();
            }

            foreach (var (key, value) in changes)
            {
                if (value is null)
                {
                    configs.Remove(key);
                }
                else
                {
                    configs[key] = value;
                }
            }
        }
    }
}
