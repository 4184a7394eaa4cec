namespace Kafka.Client;

/// <summary>One producer a partition's leader knows (DescribeProducers, KIP-664).</summary>
/// <param name="ProducerId">The producer id.</param>
/// <param name="ProducerEpoch">Its epoch.</param>
/// <param name="LastSequence">The last sequence written, or -1.</param>
/// <param name="CurrentTransactionStartOffset">The first offset of its open transaction in the partition, or -1.</param>
public sealed record ProducerStateDescription(long ProducerId, int ProducerEpoch, int LastSequence, long CurrentTransactionStartOffset);
