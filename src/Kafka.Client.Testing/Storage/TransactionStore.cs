using System.Text.Json;
using Kafka.Client.Testing.Groups;
using Kafka.Client.Testing.Transactions;

namespace Kafka.Client.Testing.Storage;

/// <summary>
/// The transaction coordinator's state in the data directory (<c>__cluster_metadata/transactions.json</c>, where Kafka
/// has its <c>__transaction_state</c> topic): every transactional id with its producer id, epoch, timeout, state and
/// open partitions and groups, and the offsets its open transaction holds; written atomically on every change, so a
/// cluster restarted in the middle of a transaction can still commit or abort it.
/// </summary>
internal sealed class TransactionStore(string directory)
{
    private readonly string _file = Path.Combine(directory, "__cluster_metadata", "transactions.json");

    /// <summary>A saved transactional id with the pending offsets of its open transaction.</summary>
    public sealed record Saved(TransactionMetadata Metadata, List<(string Group, string Topic, int Partition, CommittedOffset Offset)> PendingOffsets);

    public List<Saved> Load()
    {
        var saved = new List<Saved>();
        if (!File.Exists(_file))
        {
            return saved;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(_file));
        foreach (JsonElement t in document.RootElement.EnumerateArray())
        {
            var meta = new TransactionMetadata(t.GetProperty("id").GetString()!, t.GetProperty("producerId").GetInt64(), t.GetProperty("timeoutMs").GetInt32())
            {
                ProducerEpoch = t.GetProperty("epoch").GetInt16(),
                Status = Enum.Parse<TransactionStatus>(t.GetProperty("status").GetString()!),
                StartedAtMs = t.GetProperty("startedAtMs").GetInt64(),
            };
            foreach (JsonElement p in t.GetProperty("partitions").EnumerateArray())
            {
                meta.Partitions.Add((p.GetProperty("topic").GetString()!, p.GetProperty("partition").GetInt32()));
            }

            foreach (JsonElement g in t.GetProperty("groups").EnumerateArray())
            {
                meta.Groups.Add(g.GetString()!);
            }

            var offsets = new List<(string, string, int, CommittedOffset)>();
            foreach (JsonElement o in t.GetProperty("offsets").EnumerateArray())
            {
                offsets.Add((o.GetProperty("group").GetString()!, o.GetProperty("topic").GetString()!, o.GetProperty("partition").GetInt32(),
                    new CommittedOffset(o.GetProperty("offset").GetInt64(), o.GetProperty("leaderEpoch").GetInt32(),
                        o.GetProperty("metadata").GetString(), o.GetProperty("timestamp").GetInt64())));
            }

            saved.Add(new Saved(meta, offsets));
        }

        return saved;
    }

    public void Save(IEnumerable<TransactionMetadata> transactions, GroupCoordinator groups)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (TransactionMetadata meta in transactions.OrderBy(t => t.TransactionalId, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("id", meta.TransactionalId);
                json.WriteNumber("producerId", meta.ProducerId);
                json.WriteNumber("epoch", meta.ProducerEpoch);
                json.WriteNumber("timeoutMs", meta.TimeoutMs);
                json.WriteString("status", meta.Status.ToString());
                json.WriteNumber("startedAtMs", meta.StartedAtMs);
                json.WriteStartArray("partitions");
                foreach ((string topic, int partition) in meta.Partitions)
                {
                    json.WriteStartObject();
                    json.WriteString("topic", topic);
                    json.WriteNumber("partition", partition);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("groups");
                foreach (string group in meta.Groups)
                {
                    json.WriteStringValue(group);
                }

                json.WriteEndArray();
                json.WriteStartArray("offsets");
                foreach (string group in meta.Groups)
                {
                    foreach (var ((topic, partition), offset) in groups.PendingOffsets(group, meta.ProducerId))
                    {
                        json.WriteStartObject();
                        json.WriteString("group", group);
                        json.WriteString("topic", topic);
                        json.WriteNumber("partition", partition);
                        json.WriteNumber("offset", offset.Offset);
                        json.WriteNumber("leaderEpoch", offset.LeaderEpoch);
                        json.WriteString("metadata", offset.Metadata);
                        json.WriteNumber("timestamp", offset.CommitTimestampMs);
                        json.WriteEndObject();
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        MetadataStore.AtomicWrite(_file, buffer.ToArray());
    }
}
