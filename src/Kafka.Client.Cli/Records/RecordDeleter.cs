using System.Globalization;

namespace Kafka.Client.Cli.Records;

/// <summary>
/// What <c>kafka records --delete</c> does, printing what Kafka's DeleteRecordsCommand prints:
/// <c>Executing records delete operation</c>, <c>Records delete operation completed:</c>, then per partition
/// <c>partition: t-0\tlow_watermark: 3</c> or <c>partition: t-0\terror: ...</c>.
/// </summary>
internal sealed class RecordDeleter(AdminClientOptions options, TextWriter output) : IAsyncDisposable
{
    private readonly KafkaAdminClient _admin = new(options);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    /// <summary>Deletes the records before each offset (-1: up to the high watermark).</summary>
    /// <exception cref="KafkaException">
    /// Some partitions failed (after every partition's line is printed; Kafka's tool exits 0 then, this one 1).
    /// </exception>
    public async Task DeleteAsync(List<TopicPartitionOffset> offsets, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("Executing records delete operation").ConfigureAwait(false);
        IReadOnlyList<DeleteRecordsResult> results = await _admin.DeleteRecordsAsync(offsets, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync("Records delete operation completed:").ConfigureAwait(false);
        var failed = new List<string>();
        foreach (DeleteRecordsResult result in results)
        {
            string partition = $"{result.TopicPartition.Topic}-{result.TopicPartition.Partition}";
            if (result.Error is { } error)
            {
                failed.Add(partition);
                await output.WriteLineAsync($"partition: {partition}\terror: {error.Message}").ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"partition: {partition}\tlow_watermark: {result.LowWatermark}")).ConfigureAwait(false);
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (failed.Count > 0)
        {
            throw new KafkaException($"Records of {failed.Count} of {results.Count} partition(s) were not deleted: {string.Join(", ", failed)}.");
        }
    }
}
