using System.Globalization;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Admin;

/// <summary>Where config requests go, and config entries as the protocol carries them.</summary>
internal static class ConfigResources
{
    /// <summary>A broker's configs are asked of that broker (only it knows its static and per-listener ones); the rest of any broker.</summary>
    public static int NodeFor(ConfigResource resource) =>
        resource.Type is ConfigResourceType.Broker or ConfigResourceType.BrokerLogger
            && int.TryParse(resource.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int nodeId)
            ? nodeId
            : AdminNodes.AnyBroker;

    /// <summary>
    /// One described config. DescribeConfigs v0 has an is-default flag and no source; v1+ a source, of which
    /// <see cref="ConfigSource.DefaultConfig"/> means the default.
    /// </summary>
    public static ConfigEntry Entry(DescribeConfigsResponse.DescribeConfigsResourceResult config, short version) => new(
        config.Name,
        config.Value,
        config.ConfigSource < 0 ? ConfigSource.UnknownConfig : (ConfigSource)config.ConfigSource,
        config.ReadOnly,
        version == 0 ? config.IsDefaultValue : config.ConfigSource == (sbyte)ConfigSource.DefaultConfig,
        config.IsSensitive);

    /// <summary>The resource a response entry is about.</summary>
    public static ConfigResource Of(sbyte type, string name) => new((ConfigResourceType)type, name);
}
