using Kafka.Client.Cli.Options;
using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Consuming;

/// <summary>The check the consuming commands make before they wait for messages.</summary>
internal static class TopicCheck
{
    /// <summary>
    /// Fails at once, in one line, when the cluster cannot be reached or the topic (or partition) does not exist,
    /// rather than waiting for messages that cannot come.
    /// </summary>
    public static async Task ExistsAsync(Dictionary<string, string> consumerProperties, string topic, TopicPartitionOffset? start, CancellationToken cancellationToken)
    {
        // The connection settings the consumer was given (those an admin client has too), with a short timeout.
        IReadOnlyDictionary<string, string> adminNames = new AdminClientOptions().ToProperties();
        AdminClientOptions options = ClusterOptions.Admin(
            consumerProperties["bootstrap.servers"],
            consumerProperties.Where(p => adminNames.ContainsKey(p.Key) && !p.Key.EndsWith("timeout.ms", StringComparison.Ordinal)),
            ClusterOptions.DefaultTimeoutMs);
        var admin = new KafkaAdminClient(options);
        await using (admin.ConfigureAwait(false))
        {
            TopicDescription description = (await admin.DescribeTopicsAsync([topic], cancellationToken).ConfigureAwait(false))[0];
            if (description.Error is { Error: ErrorCode.UnknownTopicOrPartition })
            {
                throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"Topic '{topic}' does not exist.");
            }

            if (description.Error is { } error)
            {
                throw error;
            }

            if (start is not null && !description.Partitions.Any(p => p.Partition == start.Value.Partition))
            {
                throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"Topic '{topic}' has no partition {start.Value.Partition}.");
            }
        }
    }
}
