namespace Kafka.Client.Producing.Transactions;

/// <summary>The states of a transactional producer, as the Java client's <c>TransactionManager.State</c>.</summary>
internal enum TransactionState
{
    /// <summary>InitTransactionsAsync has not run.</summary>
    Uninitialized,

    /// <summary>Initialised, no transaction open.</summary>
    Ready,

    /// <summary>BeginTransaction was called; records and offsets go into the transaction.</summary>
    InTransaction,

    /// <summary>CommitTransactionAsync is running.</summary>
    Committing,

    /// <summary>AbortTransactionAsync is running.</summary>
    Aborting,

    /// <summary>Something in the transaction failed: only an abort can follow.</summary>
    AbortableError,

    /// <summary>The producer was fenced or refused: it cannot be used any more.</summary>
    FatalError,
}
