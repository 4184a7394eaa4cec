namespace Kafka.Client.Testing.Transactions;

/// <summary>The states of a transactional id, as Kafka's <c>TransactionState</c>.</summary>
internal enum TransactionStatus
{
    /// <summary>Initialised, no transaction yet.</summary>
    Empty,

    /// <summary>A transaction is open: partitions or offsets were added.</summary>
    Ongoing,

    /// <summary>Commit markers are being written.</summary>
    PrepareCommit,

    /// <summary>Abort markers are being written.</summary>
    PrepareAbort,

    /// <summary>The last transaction committed.</summary>
    CompleteCommit,

    /// <summary>The last transaction aborted.</summary>
    CompleteAbort,
}
