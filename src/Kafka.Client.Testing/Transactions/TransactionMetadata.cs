namespace Kafka.Client.Testing.Transactions;

/// <summary>What the coordinator keeps of one transactional id (Kafka's <c>TransactionMetadata</c>).</summary>
internal sealed class TransactionMetadata(string transactionalId, long producerId, int timeoutMs)
{
    public string TransactionalId { get; } = transactionalId;

    public long ProducerId { get; set; } = producerId;

    public short ProducerEpoch { get; set; }

    public int TimeoutMs { get; set; } = timeoutMs;

    public TransactionStatus Status { get; set; } = TransactionStatus.Empty;

    /// <summary>The partitions of the open transaction.</summary>
    public HashSet<(string Topic, int Partition)> Partitions { get; } = [];

    /// <summary>The groups whose offsets the open transaction commits.</summary>
    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>When the open transaction began (Unix ms), or -1.</summary>
    public long StartedAtMs { get; set; } = -1;

    /// <summary>When the state last changed (Unix ms).</summary>
    public long UpdatedAtMs { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Kafka's name of the state, as DescribeTransactions and ListTransactions give it.</summary>
    public string StateName => Status switch
    {
        TransactionStatus.Empty => "Empty",
        TransactionStatus.Ongoing => "Ongoing",
        TransactionStatus.PrepareCommit => "PrepareCommit",
        TransactionStatus.PrepareAbort => "PrepareAbort",
        TransactionStatus.CompleteCommit => "CompleteCommit",
        _ => "CompleteAbort",
    };
}
