using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Kafka.Client.Testing.Storage;

namespace Kafka.Client.Testing.State;

/// <summary>
/// The configs set on groups (DescribeConfigs/IncrementalAlterConfigs with resource type GROUP, Kafka 4's
/// <c>kafka-configs.sh --entity-type groups</c>): per group id, the keys set, over the broker's <c>group.consumer.*</c>
/// and <c>group.share.*</c> configs. A group need not exist to have configs, as in Kafka. Saved in the data
/// directory on every change (see <see cref="GroupConfigStore"/>).
/// </summary>
/// <remarks>
/// The group coordinators read a group's settings with <see cref="TryGetGroupConfig"/> (only what was set) or
/// <see cref="EffectiveInt"/> (what was set, else the broker's default), e.g. for
/// <see cref="GroupConfigDefinitions.ConsumerSessionTimeoutMs"/>. A leaf lock: it never takes another lock.
/// </remarks>
internal sealed class GroupConfigs
{
    private readonly Dictionary<string, Dictionary<string, string>> _groups;
    private readonly Func<string, string> _brokerConfig;
    private readonly GroupConfigStore? _store;
    private readonly Lock _sync = new();

    /// <param name="brokerConfig">The value of a broker config (<c>group.consumer.session.timeout.ms</c>...).</param>
    /// <param name="dataDirectory">Where the configs are saved, or null to keep them in memory.</param>
    public GroupConfigs(Func<string, string> brokerConfig, string? dataDirectory)
    {
        _brokerConfig = brokerConfig;
        _store = dataDirectory is null ? null : new GroupConfigStore(dataDirectory);
        _groups = _store?.Load() ?? new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
    }

    /// <summary>The value set on <paramref name="groupId"/> for <paramref name="key"/>; false when the group has none (the broker's default applies).</summary>
    public bool TryGetGroupConfig(string groupId, string key, [NotNullWhen(true)] out string? value)
    {
        lock (_sync)
        {
            value = null;
            return _groups.TryGetValue(groupId, out Dictionary<string, string>? configs) && configs.TryGetValue(key, out value);
        }
    }

    /// <summary>The value of an int group config for <paramref name="groupId"/>: the group's own, else the broker's default.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not an int group config.</exception>
    public int EffectiveInt(string groupId, string key)
    {
        if (!GroupConfigDefinitions.All.TryGetValue(key, out GroupConfigDefinition? definition) || definition.Type != ConfigType.Int)
        {
            throw new ArgumentException($"{key} is not an int group config.", nameof(key));
        }

        return int.Parse(Effective(groupId, definition).Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>Every group config of <paramref name="groupId"/>, by name, with its value and whether the group set it.</summary>
    public List<(GroupConfigDefinition Definition, string Value, bool IsSet)> Describe(string groupId)
    {
        var configs = new List<(GroupConfigDefinition, string, bool)>();
        foreach (GroupConfigDefinition definition in GroupConfigDefinitions.All.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var (value, isSet) = Effective(groupId, definition);
            configs.Add((definition, value, isSet));
        }

        return configs;
    }

    /// <summary>
    /// Validates the configs <paramref name="groupId"/> would have after <paramref name="changes"/> (a null value
    /// removes a key; <paramref name="replaceAll"/> starts from none) as Kafka's <c>GroupConfig.validate</c> does, and
    /// applies them unless <paramref name="validateOnly"/>.
    /// </summary>
    /// <returns>The problem, for INVALID_CONFIG, or null when the changes are valid.</returns>
    public string? Alter(string groupId, IReadOnlyList<KeyValuePair<string, string?>> changes, bool replaceAll, bool validateOnly)
    {
        lock (_sync)
        {
            Dictionary<string, string> next = replaceAll || !_groups.TryGetValue(groupId, out Dictionary<string, string>? current)
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : new Dictionary<string, string>(current, StringComparer.Ordinal);
            foreach (var (key, value) in changes)
            {
                if (value is null)
                {
                    next.Remove(key);
                }
                else
                {
                    next[key] = value;
                }
            }

            if (Validate(next) is { } problem)
            {
                return problem;
            }

            if (validateOnly)
            {
                return null;
            }

            if (next.Count == 0)
            {
                _groups.Remove(groupId);
            }
            else
            {
                _groups[groupId] = next;
            }

            _store?.Save(_groups);
            return null;
        }
    }

    private (string Value, bool IsSet) Effective(string groupId, GroupConfigDefinition definition) =>
        TryGetGroupConfig(groupId, definition.Name, out string? own)
            ? (own, true)
            : (definition.DefaultFrom.Length > 0 ? _brokerConfig(definition.DefaultFrom) : GroupConfigDefinitions.FixedDefault(definition.Name), false);

    /// <summary>Kafka's checks, in its order: known names, each value, the broker's bounds, then session timeouts above heartbeat intervals.</summary>
    private string? Validate(Dictionary<string, string> configs)
    {
        foreach (string name in configs.Keys)
        {
            if (!GroupConfigDefinitions.All.ContainsKey(name))
            {
                return $"Unknown group config name: {name}";
            }
        }

        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (GroupConfigDefinition definition in GroupConfigDefinitions.All.Values)
        {
            string value = configs.TryGetValue(definition.Name, out string? own) ? own
                : definition.DefaultFrom.Length > 0 ? _brokerConfig(definition.DefaultFrom) : GroupConfigDefinitions.FixedDefault(definition.Name);
            if (definition.Parse(value, out int number) is { } problem)
            {
                return problem;
            }

            numbers[definition.Name] = number;
        }

        string[] bounded =
        [
            GroupConfigDefinitions.ConsumerHeartbeatIntervalMs, GroupConfigDefinitions.ConsumerSessionTimeoutMs,
            GroupConfigDefinitions.ShareHeartbeatIntervalMs, GroupConfigDefinitions.ShareSessionTimeoutMs,
            GroupConfigDefinitions.ShareRecordLockDurationMs,
        ];
        foreach (string name in bounded)
        {
            GroupConfigDefinition definition = GroupConfigDefinitions.All[name];
            if (numbers[name] < BrokerInt(definition.MinFrom!))
            {
                return $"{name} must be greater than or equal to {definition.MinFrom}";
            }

            if (numbers[name] > BrokerInt(definition.MaxFrom!))
            {
                return $"{name} must be less than or equal to {definition.MaxFrom}";
            }
        }

        if (numbers[GroupConfigDefinitions.ConsumerSessionTimeoutMs] <= numbers[GroupConfigDefinitions.ConsumerHeartbeatIntervalMs])
        {
            return $"{GroupConfigDefinitions.ConsumerSessionTimeoutMs} must be greater than {GroupConfigDefinitions.ConsumerHeartbeatIntervalMs}";
        }

        if (numbers[GroupConfigDefinitions.ShareSessionTimeoutMs] <= numbers[GroupConfigDefinitions.ShareHeartbeatIntervalMs])
        {
            return $"{GroupConfigDefinitions.ShareSessionTimeoutMs} must be greater than {GroupConfigDefinitions.ShareHeartbeatIntervalMs}";
        }

        return null;
    }

    private int BrokerInt(string name) => int.Parse(_brokerConfig(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
