namespace Kafka.Client.AotApp;

/// <summary>
/// Produces to one topic per codec (<c>aot-none</c>, <c>aot-gzip</c>, ...): a keyed message with
/// <c>await ProduceAsync</c>, then <see cref="Count"/> - 1 with <c>Produce</c> callbacks, and checks that every
/// message was delivered, at consecutive offsets of each partition.
/// </summary>
internal sealed class ProduceScenario(int count) : IScenario
{
    private static readonly string[] Codecs = ["none", "gzip", "snappy", "lz4", "zstd"];

    public string Name => "produce";

    public int Count => count;

    public async Task<bool> RunAsync(string bootstrapServers, TextWriter output, CancellationToken cancellationToken)
    {
        bool ok = true;
        foreach (string codec in Codecs)
        {
            ok &= await ProduceAsync(bootstrapServers, codec, output, cancellationToken).ConfigureAwait(false);
        }

        return ok;
    }

    private async Task<bool> ProduceAsync(string bootstrapServers, string codec, TextWriter output, CancellationToken cancellationToken)
    {
        // By Kafka property names, as a configuration file would give them.
        ProducerOptions options = ProducerOptions.FromProperties(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = bootstrapServers,
            ["compression.type"] = codec,
            ["linger.ms"] = "5",
        });
        string topic = $"aot-{codec}";
        var offsets = new List<long>(count);
        var failures = new List<string>();
        await using (var producer = new KafkaProducer<string, string>(options))
        {
            DeliveryResult<string, string> first = await producer.ProduceAsync(
                topic, new Message<string, string> { Key = "first", Value = $"{codec} 0" }, cancellationToken).ConfigureAwait(false);
            offsets.Add(first.Offset);
            for (int i = 1; i < count; i++)
            {
                producer.Produce(topic, new Message<string, string> { Value = $"{codec} {i}" }, report =>
                {
                    lock (offsets)
                    {
                        if (report.Error is null)
                        {
                            offsets.Add(report.Offset);
                        }
                        else
                        {
                            failures.Add(report.Error.Message);
                        }
                    }
                });
            }

            await producer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        offsets.Sort();
        bool consecutive = offsets.Count == count && offsets[^1] - offsets[0] == count - 1;
        await output.WriteLineAsync(
            $"{Name} {codec}: {offsets.Count} delivered to {topic}, offsets {offsets[0]}..{offsets[^1]}, {failures.Count} failed{(failures.Count > 0 ? ": " + failures[0] : "")}").ConfigureAwait(false);
        return consecutive && failures.Count == 0;
    }
}
