namespace Kafka.Client;

/// <summary>A transactional id described by its coordinator (DescribeTransactions, KIP-664).</summary>
/// <param name="TransactionalId">The transactional id.</param>
/// <param name="State">Kafka's name of its state (<c>Ongoing</c>, <c>CompleteCommit</c>...).</param>
/// <param name="ProducerId">Its producer id.</param>
/// <param name="ProducerEpoch">Its producer epoch.</param>
/// <param name="TimeoutMs">Its <c>transaction.timeout.ms</c>.</param>
/// <param name="StartTimeMs">When the open transaction began (Unix ms), or -1.</param>
/// <param name="Partitions">The partitions of the open transaction.</param>
/// <param name="Error">Why it could not be described (<see cref="Protocol.ErrorCode.TransactionalIdNotFound"/>), or null.</param>
public sealed record TransactionDescription(
    string TransactionalId, string State, long ProducerId, short ProducerEpoch, int TimeoutMs, long StartTimeMs, IReadOnlyList<TopicPartition> Partitions, KafkaException? Error)
    : AdminResult(Error);
