namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// What a sticky assignor learns from one member's subscription (Java's <c>AbstractStickyAssignor.MemberData</c>):
/// the partitions it says it owned and the generation it owned them in.
/// </summary>
/// <param name="Partitions">The partitions the member claims.</param>
/// <param name="Generation">The generation of the claim, or null when the member sent none.</param>
internal readonly record struct StickyMemberData(IReadOnlyList<TopicPartition> Partitions, int? Generation);
