using System.Diagnostics.CodeAnalysis;

namespace Kafka.Client.Testing.State;

/// <summary>Group configs (resource type GROUP): what is set on each group id, over the broker's group.* configs.</summary>
internal sealed partial class ClusterState
{
    private GroupConfigs? _groupConfigs;
    private object? _groupConfigsSync;

    /// <summary>The configs set on groups; loaded from the data directory on first use.</summary>
    public GroupConfigs GroupConfigs => LazyInitializer.EnsureInitialized(ref _groupConfigs, ref _groupConfigsSync,
        () => new GroupConfigs(name => Defaults.Broker(name, brokerId: -1, listener: "", dataDirectory: null).Value, Options.DataDirectory));

    /// <summary>
    /// The value set on <paramref name="groupId"/> for a group config such as <c>consumer.session.timeout.ms</c>;
    /// false when the group has none, and the broker's default (<c>group.consumer.session.timeout.ms</c>) applies.
    /// </summary>
    public bool TryGetGroupConfig(string groupId, string key, [NotNullWhen(true)] out string? value) =>
        GroupConfigs.TryGetGroupConfig(groupId, key, out value);
}
