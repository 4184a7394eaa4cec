using System.Text.Json;

namespace Kafka.Client.Cli.Records;

/// <summary>
/// The <c>--offset-json-file</c> of <c>kafka records --delete</c>, in the format of Kafka's DeleteRecordsCommand:
/// <c>{"partitions":[{"topic":"t","partition":0,"offset":3}],"version":1}</c> (a missing version means 1; -1 as offset
/// means the high watermark). Each partition may appear once.
/// </summary>
internal static class OffsetJsonFile
{
    /// <summary>The offsets before which to delete, in the file's order.</summary>
    /// <exception cref="UsageException">The text is not such JSON: the messages are Kafka's where it has one.</exception>
    public static List<TopicPartitionOffset> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new UsageException("The input string is not a valid JSON");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException("The offset JSON must be an object with a partitions field.");
            }

            int version = root.TryGetProperty("version", out JsonElement v) ? Integer(v, "version") : 1;
            if (version != 1)
            {
                throw new UsageException($"Not supported version field value {version}");
            }

            if (!root.TryGetProperty("partitions", out JsonElement partitions))
            {
                throw new UsageException("Missing partitions field");
            }

            if (partitions.ValueKind != JsonValueKind.Array)
            {
                throw new UsageException("The partitions field must be an array.");
            }

            var offsets = new List<TopicPartitionOffset>();
            foreach (JsonElement entry in partitions.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new UsageException("Each entry of partitions must be an object with topic, partition and offset.");
                }

                JsonElement topic = Field(entry, "topic");
                if (topic.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(topic.GetString()))
                {
                    throw new UsageException("The topic field must be a non-empty string.");
                }

                offsets.Add(new TopicPartitionOffset(topic.GetString()!, Integer(Field(entry, "partition"), "partition"), Long(Field(entry, "offset"), "offset")));
            }

            string[] duplicates = [.. offsets.GroupBy(o => (o.Topic, o.Partition)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Topic}-{g.Key.Partition}")];
            if (duplicates.Length > 0)
            {
                throw new UsageException($"Offset json file contains duplicate topic partitions: {string.Join(",", duplicates)}");
            }

            return offsets;
        }
    }

    private static JsonElement Field(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out JsonElement value) ? value : throw new UsageException($"No such field exists: `{name}` (in {entry.GetRawText()}).");

    private static int Integer(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int result) ? result : throw new UsageException($"The {name} field must be an integer, not {value.GetRawText()}.");

    private static long Long(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long result) ? result : throw new UsageException($"The {name} field must be an integer, not {value.GetRawText()}.");
}
