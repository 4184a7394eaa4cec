namespace Kafka.Client;

/// <summary>Handles the records a hosted consumer reads (see <see cref="KafkaConsumerHandlerServiceCollectionExtensions"/>).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <remarks>Resolved from a new DI scope for each record, so it may depend on scoped services.</remarks>
public interface IKafkaMessageHandler<TKey, TValue>
{
    /// <summary>Handles one record; its offset is committed once this completes, and not when it throws.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancelled when the host stops; the record is then not committed and is read again by the group's next owner.</param>
    /// <returns>A task that completes when the record was handled.</returns>
    ValueTask HandleAsync(ConsumeResult<TKey, TValue> record, CancellationToken cancellationToken);
}
