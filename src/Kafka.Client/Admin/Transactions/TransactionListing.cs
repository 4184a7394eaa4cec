namespace Kafka.Client;

/// <summary>A transactional id as ListTransactions gives it.</summary>
/// <param name="TransactionalId">The transactional id.</param>
/// <param name="ProducerId">Its producer id.</param>
/// <param name="State">Kafka's name of its state: <c>Empty</c>, <c>Ongoing</c>, <c>PrepareCommit</c>, <c>PrepareAbort</c>, <c>CompleteCommit</c>, <c>CompleteAbort</c>.</param>
public sealed record TransactionListing(string TransactionalId, long ProducerId, string State);
