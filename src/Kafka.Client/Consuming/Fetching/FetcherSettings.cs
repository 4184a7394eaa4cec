namespace Kafka.Client.Consuming;

/// <summary>The consumer options the fetcher uses, in the units it needs.</summary>
internal sealed record FetcherSettings(
    int MinBytes,
    int MaxWaitMs,
    int MaxBytes,
    int MaxPartitionBytes,
    sbyte IsolationLevel,
    long BufferLimitBytes,
    bool CheckCrcs,
    string RackId,
    AutoOffsetReset AutoOffsetReset,
    TimeSpan RetryBackoff,
    TimeSpan RequestTimeout);
