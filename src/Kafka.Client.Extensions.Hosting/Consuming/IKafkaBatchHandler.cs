namespace Kafka.Client;

/// <summary>Handles the records a hosted consumer reads a batch at a time (see <see cref="KafkaConsumerHandlerServiceCollectionExtensions"/>).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <remarks>
/// Resolved from a new DI scope for each batch: up to <see cref="KafkaConsumerHandlerOptions.BatchSize"/> records, or
/// fewer when <see cref="KafkaConsumerHandlerOptions.BatchTimeout"/> passed since the first, in the order they were
/// read (each partition's in offset order). A failing batch is retried and then stopped on, skipped or dead-lettered whole.
/// </remarks>
public interface IKafkaBatchHandler<TKey, TValue>
{
    /// <summary>Handles a batch; its offsets are committed once this completes, and not when it throws.</summary>
    /// <param name="records">The batch: at least one record.</param>
    /// <param name="cancellationToken">Cancelled when the host stops; the batch is then not committed and is read again by the group's next owner.</param>
    /// <returns>A task that completes when the batch was handled.</returns>
    ValueTask HandleAsync(IReadOnlyList<ConsumeResult<TKey, TValue>> records, CancellationToken cancellationToken);
}
