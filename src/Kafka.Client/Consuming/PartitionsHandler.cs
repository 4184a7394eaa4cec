namespace Kafka.Client;

/// <summary>
/// Called by a consumer when partitions are assigned to it, revoked from it, or lost. It runs inside the
/// consume loop (as the Java client's rebalance listener runs inside poll), so no record is being handed out while
/// it runs; it may seek, commit or await anything.
/// </summary>
/// <param name="partitions">The partitions.</param>
/// <param name="cancellationToken">Cancelled when the consumer is disposed.</param>
public delegate ValueTask PartitionsHandler(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken);
