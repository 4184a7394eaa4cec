namespace Kafka.Client.AotApp;

/// <summary>
/// Reads back what <see cref="ProduceScenario"/> wrote to each codec's topic with a group consumer and
/// <c>await foreach</c>, commits, and checks the group's lag through the admin client is zero.
/// </summary>
internal sealed class ConsumeScenario(int count) : IScenario
{
    private static readonly string[] Codecs = ["none", "gzip", "snappy", "lz4", "zstd"];

    public string Name => "consume";

    public async Task<bool> RunAsync(string bootstrapServers, TextWriter output, CancellationToken cancellationToken)
    {
        bool ok = true;
        foreach (string codec in Codecs)
        {
            ok &= await ConsumeAsync(bootstrapServers, codec, output, cancellationToken).ConfigureAwait(false);
        }

        return ok;
    }

    private async Task<bool> ConsumeAsync(string bootstrapServers, string codec, TextWriter output, CancellationToken cancellationToken)
    {
        string topic = $"aot-{codec}";
        string group = $"aot-readers-{codec}";
        ConsumerOptions options = ConsumerOptions.FromProperties(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = bootstrapServers,
            ["group.id"] = group,
            ["auto.offset.reset"] = "earliest",
            ["enable.auto.commit"] = "false",
        });
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using (var consumer = new KafkaConsumer<string, string>(options))
        {
            consumer.Subscribe(topic);
            await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(cancellationToken).ConfigureAwait(false))
            {
                values.Add(record.Message.Value);
                if (values.Count == count)
                {
                    break;
                }
            }

            await consumer.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        long? lag;
        await using (var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = bootstrapServers }))
        {
            IReadOnlyList<ConsumerLag> rows = await admin.ListConsumerGroupLagAsync(group, cancellationToken: cancellationToken).ConfigureAwait(false);
            lag = rows.Sum(r => r.Lag);
        }

        bool all = Enumerable.Range(0, count).All(i => values.Contains($"{codec} {i}"));
        await output.WriteLineAsync($"{Name} {codec}: {values.Count} read from {topic} in group {group}, lag {lag}").ConfigureAwait(false);
        return all && lag == 0;
    }
}
