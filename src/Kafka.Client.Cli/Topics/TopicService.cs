using System.Text.RegularExpressions;
using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Topics;

/// <summary>What <c>kafka topics</c> does, through the admin client, printing what <c>kafka-topics.sh</c> prints.</summary>
internal sealed class TopicService(AdminClientOptions options, TextWriter output, bool excludeInternal) : IAsyncDisposable
{
    private readonly KafkaAdminClient _admin = new(options);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    /// <summary>Creates the topic; prints <c>Created topic T.</c></summary>
    public async Task CreateAsync(
        string topic, int? partitions, short? replicationFactor, IReadOnlyList<KeyValuePair<string, string>> configs, bool ifNotExists, CancellationToken cancellationToken)
    {
        if (replicationFactor is < 1)
        {
            throw new UsageException($"The replication factor must be between 1 and {short.MaxValue} inclusive.");
        }

        if (partitions is < 1)
        {
            throw new UsageException("The partitions must be greater than 0.");
        }

        if (topic.Contains('.', StringComparison.Ordinal) || topic.Contains('_', StringComparison.Ordinal))
        {
            await output.WriteLineAsync("WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.").ConfigureAwait(false);
        }

        var spec = new TopicSpecification
        {
            Name = topic,
            NumPartitions = partitions ?? -1,
            ReplicationFactor = replicationFactor ?? -1,
            Configs = configs.ToDictionary(c => c.Key, c => c.Value.Trim(), StringComparer.Ordinal),
        };
        CreateTopicResult result = (await _admin.CreateTopicsAsync([spec], cancellationToken: cancellationToken).ConfigureAwait(false))[0];
        if (result.Error is { Error: ErrorCode.TopicAlreadyExists } && ifNotExists)
        {
            return;
        }

        ThrowIfFailed(result);
        await output.WriteLineAsync($"Created topic {topic}.").ConfigureAwait(false);
    }

    /// <summary>Prints the names of the topics, one per line, sorted.</summary>
    public async Task ListAsync(string? topic, CancellationToken cancellationToken)
    {
        foreach (string name in await SelectAsync(topic, cancellationToken).ConfigureAwait(false))
        {
            await output.WriteLineAsync(name).ConfigureAwait(false);
        }
    }

    /// <summary>Prints each topic's line and one line per partition, as Kafka 4's TopicCommand does.</summary>
    public async Task DescribeAsync(string? topic, bool ifExists, CancellationToken cancellationToken)
    {
        List<string> names = await ExistingAsync(topic, ifExists, cancellationToken).ConfigureAwait(false);
        if (names.Count == 0)
        {
            return;
        }

        IReadOnlyList<TopicDescription> topics = (await _admin.DescribeTopicsAsync(names, cancellationToken).ConfigureAwait(false)).ThrowIfAnyFailed();
        IReadOnlyList<DescribeConfigsResult> configs =
            (await _admin.DescribeConfigsAsync(names.Select(ConfigResource.Topic), cancellationToken).ConfigureAwait(false)).ThrowIfAnyFailed();
        for (int i = 0; i < topics.Count; i++)
        {
            foreach (string line in TopicLayout.Describe(topics[i], configs[i].Entries.Values))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Raises the partition count of the selected topics to <paramref name="partitions"/>.</summary>
    public async Task AlterAsync(string topic, int partitions, bool ifExists, CancellationToken cancellationToken)
    {
        List<string> names = await ExistingAsync(topic, ifExists, cancellationToken).ConfigureAwait(false);
        if (names.Count > 0)
        {
            IReadOnlyList<CreatePartitionsResult> results = await _admin.CreatePartitionsAsync(
                names.Select(n => new PartitionsSpecification { Topic = n, IncreaseTo = partitions }), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (CreatePartitionsResult result in results)
            {
                ThrowIfFailed(result);
            }
        }
    }

    /// <summary>Deletes the selected topics.</summary>
    public async Task DeleteAsync(string topic, bool ifExists, CancellationToken cancellationToken)
    {
        List<string> names = await ExistingAsync(topic, ifExists, cancellationToken).ConfigureAwait(false);
        if (names.Count > 0)
        {
            foreach (DeleteTopicResult result in await _admin.DeleteTopicsAsync(names, cancellationToken).ConfigureAwait(false))
            {
                ThrowIfFailed(result);
            }
        }
    }

    /// <summary>The topics <paramref name="topic"/> selects; when it selects none, an error unless <paramref name="ifExists"/>.</summary>
    private async Task<List<string>> ExistingAsync(string? topic, bool ifExists, CancellationToken cancellationToken)
    {
        List<string> names = await SelectAsync(topic, cancellationToken).ConfigureAwait(false);
        if (names.Count == 0 && !string.IsNullOrEmpty(topic) && !ifExists)
        {
            throw new KafkaException(ErrorCode.UnknownTopicOrPartition, $"Topic '{topic}' does not exist as expected.");
        }

        return names;
    }

    /// <summary>The cluster's topics, sorted, that <paramref name="topic"/> names or matches (all when null).</summary>
    private async Task<List<string>> SelectAsync(string? topic, CancellationToken cancellationToken)
    {
        IReadOnlyList<TopicListing> all = await _admin.ListTopicsAsync(includeInternal: !excludeInternal, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(topic))
        {
            return [.. all.Select(t => t.Name)];
        }

        Regex? pattern = TopicFilter(topic);
        return [.. all.Select(t => t.Name).Where(n => n == topic || pattern?.IsMatch(n) == true)];
    }

    /// <summary>Kafka's include list: a regular expression matching whole names, commas separating alternatives.</summary>
    private static Regex? TopicFilter(string topic)
    {
        try
        {
            return new Regex($"^(?:{topic.Trim('"', '\'').Replace(',', '|')})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static void ThrowIfFailed(AdminResult result)
    {
        if (result.Error is { } error)
        {
            throw error;
        }
    }
}
