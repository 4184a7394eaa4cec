namespace Kafka.Client.Cli.Options;

/// <summary>Kafka properties gathered from files and flags: later sources win.</summary>
internal static class Properties
{
    /// <summary>Sets every pair in <paramref name="properties"/>, replacing what was there.</summary>
    public static void AddAll(Dictionary<string, string> properties, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        foreach ((string name, string value) in pairs)
        {
            properties[name] = value;
        }
    }
}
