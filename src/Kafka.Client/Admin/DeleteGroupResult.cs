using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>The outcome of deleting one consumer group.</summary>
/// <param name="GroupId">The group id.</param>
/// <param name="Error">Why it was not deleted (<see cref="ErrorCode.NonEmptyGroup"/> while it has members, <see cref="ErrorCode.GroupIdNotFound"/>), or null.</param>
public sealed record DeleteGroupResult(string GroupId, KafkaException? Error)
    : AdminResult(Error);
