namespace Kafka.Client;

/// <summary>Which transactional records a consumer sees (Kafka's <c>isolation.level</c>); the values are those of the Fetch request.</summary>
public enum IsolationLevel
{
    /// <summary>Every record, including those of open and aborted transactions (<c>read_uncommitted</c>, the default).</summary>
    ReadUncommitted = 0,

    /// <summary>Only records of committed transactions and non-transactional records, up to the last stable offset (<c>read_committed</c>).</summary>
    ReadCommitted = 1,
}
