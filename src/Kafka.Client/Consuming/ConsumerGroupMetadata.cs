namespace Kafka.Client;

/// <summary>
/// A consumer's place in its group, for <see cref="KafkaProducer{TKey, TValue}.SendOffsetsToTransactionAsync"/>: the
/// transaction's offset commit carries the generation and member, so a zombie of an older generation is fenced (KIP-447).
/// </summary>
/// <param name="GroupId">The group id.</param>
/// <param name="GenerationId">The generation the consumer belongs to, or -1 outside a group's generation.</param>
/// <param name="MemberId">The member id, or empty.</param>
/// <param name="GroupInstanceId">The static member's instance id, or null.</param>
public sealed record ConsumerGroupMetadata(string GroupId, int GenerationId, string MemberId, string? GroupInstanceId);
