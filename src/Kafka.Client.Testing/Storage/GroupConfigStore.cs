using System.Text.Json;

namespace Kafka.Client.Testing.Storage;

/// <summary>
/// The group configs in the data directory (<c>__cluster_metadata/group-configs.json</c>, where Kafka keeps them as
/// config records of its metadata log): each group id with the keys set on it, written atomically on every change and
/// read back at start.
/// </summary>
internal sealed class GroupConfigStore(string directory)
{
    private readonly string _file = Path.Combine(directory, "__cluster_metadata", "group-configs.json");

    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="JsonException">The file is not what <see cref="Save"/> writes.</exception>
    public Dictionary<string, Dictionary<string, string>> Load()
    {
        var groups = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (!File.Exists(_file))
        {
            return groups;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(_file));
        foreach (JsonProperty group in document.RootElement.EnumerateObject())
        {
            var configs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty config in group.Value.EnumerateObject())
            {
                configs[config.Name] = config.Value.GetString() ?? "";
            }

            groups[group.Name] = configs;
        }

        return groups;
    }

    public void Save(Dictionary<string, Dictionary<string, string>> groups)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var (group, configs) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(group);
                foreach (var (key, value) in configs.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        MetadataStore.AtomicWrite(_file, buffer.ToArray());
    }
}
