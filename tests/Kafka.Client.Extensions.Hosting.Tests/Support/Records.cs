using Kafka.Client.Extensions.Hosting.Tests;
namespace Kafka.Client.Extensions.Hosting.Tests.Support;

/// <summary>Reads a topic's records back with a plain consumer, assigned (no group).</summary>
internal static class Records
{
    public static async Task<List<ConsumeResult<string, string>>> ReadAsync(string topic, int count, int partitions = 1, int seconds = 10)
    {
        await using var consumer = new KafkaConsumer<string, string>(new ConsumerOptions { BootstrapServers = TestCluster.Cluster.BootstrapServers, AutoOffsetReset = AutoOffsetReset.Earliest });
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)));
        var records = new List<ConsumeResult<string, string>>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (records.Count < count)
        {
            ConsumeResult<string, string>? record = await consumer.ConsumeAsync(TimeSpan.FromMilliseconds(200), timeout.Token);
            if (record is not null)
            {
                records.Add(record);
            }
        }

        return records;
    }
}
