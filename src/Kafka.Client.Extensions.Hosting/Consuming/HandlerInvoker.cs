namespace Kafka.Client.Consuming;

/// <summary>How a hosted consumer calls its handler: resolved from the scope it is given, with one record or a batch.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <param name="Name">The handler's type name, for logs and errors.</param>
/// <param name="Invoke">Resolves the handler from the scope's provider and hands it the records.</param>
/// <param name="Batches">Whether the handler takes batches (<see cref="IKafkaBatchHandler{TKey, TValue}"/>) rather than one record at a time.</param>
internal sealed record HandlerInvoker<TKey, TValue>(
    string Name,
    Func<IServiceProvider, IReadOnlyList<ConsumeResult<TKey, TValue>>, CancellationToken, ValueTask> Invoke,
    bool Batches);
