using System.Text.Json;
using Kafka.Client.Protocol;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Storage;

/// <summary>
/// The cluster's metadata in the data directory (<c>meta.properties</c> with the cluster id, and
/// <c>__cluster_metadata/topics.json</c> with topics, ids, replica assignments and configs), written atomically.
/// </summary>
internal sealed class MetadataStore(string directory)
{
    private readonly string _topicsFile = Path.Combine(directory, "__cluster_metadata", "topics.json");
    private readonly string _propertiesFile = Path.Combine(directory, "meta.properties");

    public sealed record TopicRecord(string Name, KafkaUuid Id, List<int[]> Replicas, Dictionary<string, string> Configs);

    public string? LoadClusterId()
    {
        if (!File.Exists(_propertiesFile))
        {
            return null;
        }

        foreach (string line in File.ReadAllLines(_propertiesFile))
        {
            if (line.StartsWith("cluster.id=", StringComparison.Ordinal))
            {
                return line["cluster.id=".Length..].Trim();
            }
        }

        return null;
    }

    public void SaveClusterId(string clusterId) =>
        AtomicWrite(_propertiesFile, System.Text.Encoding.UTF8.GetBytes($"# Kafka.Client.Testing embedded cluster\nversion=1\ncluster.id={clusterId}\n"));

    public List<TopicRecord> LoadTopics()
    {
        var topics = new List<TopicRecord>();
        if (!File.Exists(_topicsFile))
        {
            return topics;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(_topicsFile));
        foreach (JsonElement t in document.RootElement.EnumerateArray())
        {
            var replicas = t.GetProperty("replicas").EnumerateArray()
                .Select(p => p.EnumerateArray().Select(b => b.GetInt32()).ToArray())
                .ToList();
            var configs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty c in t.GetProperty("configs").EnumerateObject())
            {
                configs[c.Name] = c.Value.GetString() ?? "";
            }

            topics.Add(new TopicRecord(t.GetProperty("name").GetString()!, KafkaUuid.Parse(t.GetProperty("id").GetString()!), replicas, configs));
        }

        return topics;
    }

    public void SaveTopics(IEnumerable<TopicState> topics)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (TopicState topic in topics.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", topic.Name);
                json.WriteString("id", topic.Id.ToString());
                json.WriteStartArray("replicas");
                foreach (PartitionState partition in topic.Partitions)
                {
                    json.WriteStartArray();
                    foreach (int replica in partition.Replicas)
                    {
                        json.WriteNumberValue(replica);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteStartObject("configs");
                foreach (var (key, value) in topic.Overrides)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        AtomicWrite(_topicsFile, buffer.ToArray());
    }

    /// <summary>Writes a file so that a crash leaves either the old or the new content.</summary>
    public static void AtomicWrite(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
