namespace Kafka.Client;

/// <summary>
/// How many replicas must have a record before the leader acknowledges it (Kafka's <c>acks</c>); the values are
/// the numbers sent in the Produce request, as in Confluent.Kafka.
/// </summary>
public enum Acks
{
    /// <summary>Every in-sync replica (<c>acks=all</c> or <c>-1</c>): nothing acknowledged is lost while one in-sync replica survives.</summary>
    All = -1,

    /// <summary>No acknowledgement (<c>acks=0</c>): the broker sends no response, and the producer cannot retry or be idempotent.</summary>
    None = 0,

    /// <summary>The leader only (<c>acks=1</c>): a record is lost if the leader fails before followers copy it.</summary>
    Leader = 1,
}
