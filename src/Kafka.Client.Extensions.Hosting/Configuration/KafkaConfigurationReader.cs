using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Kafka.Client.Configuration;

/// <summary>One setting read from configuration: its Kafka property name, its value and the key it came from.</summary>
/// <param name="Name">The Kafka property name.</param>
/// <param name="Value">The value.</param>
/// <param name="Path">The full configuration key, for error messages.</param>
internal readonly record struct KafkaSetting(string Name, string Value, string Path);

/// <summary>Reads a configuration section as Kafka properties, with no binder and so no reflection.</summary>
internal static class KafkaConfigurationReader
{
    /// <summary>
    /// The settings of <paramref name="common"/> with those of <paramref name="section"/> over them (a key in both:
    /// the section's wins, whether either spells it as a Kafka name or an option name). The key
    /// <paramref name="excluded"/> of <paramref name="section"/>, if any, is not read.
    /// </summary>
    public static IReadOnlyList<KafkaSetting> Read(IConfiguration? common, IConfiguration section, string? excluded = null)
    {
        var byName = new Dictionary<string, KafkaSetting>(StringComparer.Ordinal);
        if (common is not null)
        {
            Add(common, null, byName);
        }

        Add(section, excluded, byName);
        return [.. byName.Values];
    }

    private static void Add(IConfiguration configuration, string? excluded, Dictionary<string, KafkaSetting> byName)
    {
        foreach (IConfigurationSection child in configuration.GetChildren())
        {
            if (!string.Equals(child.Key, excluded, StringComparison.OrdinalIgnoreCase))
            {
                AddChild(child, "", byName);
            }
        }
    }

    // Nested objects ({"linger": {"ms": 5}}) read as dotted names; arrays (["a:9092", "b:9092"]) as Kafka's lists.
    private static void AddChild(IConfigurationSection child, string prefix, Dictionary<string, KafkaSetting> byName)
    {
        string key = prefix + child.Key;
        List<IConfigurationSection> children = [.. child.GetChildren()];
        if (children.Count == 0)
        {
            if (child.Value is { } value)
            {
                string name = KafkaPropertyNames.ToKafkaName(key);
                byName[name] = new KafkaSetting(name, value, child.Path);
            }

            return;
        }

        if (children.TrueForAll(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !c.GetChildren().Any()))
        {
            string name = KafkaPropertyNames.ToKafkaName(key);
            byName[name] = new KafkaSetting(name, string.Join(',', children.Select(c => c.Value)), child.Path);
            return;
        }

        foreach (IConfigurationSection grandchild in children)
        {
            AddChild(grandchild, key + ".", byName);
        }
    }
}
