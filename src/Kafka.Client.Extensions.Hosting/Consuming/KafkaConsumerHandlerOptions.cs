using Polly;
using Polly.Retry;

namespace Kafka.Client;

/// <summary>How a hosted consumer reads and what it does when its handler fails.</summary>
public sealed class KafkaConsumerHandlerOptions
{
    /// <summary>The topics to subscribe to; at least one.</summary>
    public IList<string> Topics { get; set; } = [];

    /// <summary>
    /// The Polly retry applied to each failing record before <see cref="OnError"/>; null for none.
    /// Default: 3 retries, exponential from 100 ms, for any exception but a cancellation.
    /// </summary>
    public RetryStrategyOptions? Retry { get; set; } = new()
    {
        MaxRetryAttempts = 3,
        Delay = TimeSpan.FromMilliseconds(100),
        BackoffType = DelayBackoffType.Exponential,
    };

    /// <summary>What happens to a record the handler failed on after the retries. Default <see cref="KafkaHandlerErrorAction.Stop"/>.</summary>
    public KafkaHandlerErrorAction OnError { get; set; } = KafkaHandlerErrorAction.Stop;

    /// <summary>The dead-letter topic for <see cref="KafkaHandlerErrorAction.DeadLetter"/>; null for the record's topic with <c>.DLT</c> appended.</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>
    /// The name of the <see cref="KafkaProducer{TKey, TValue}"/> registered with <c>AddKafkaProducer</c> that sends dead
    /// letters; null for the unnamed one. It must have the consumer's key and value types.
    /// </summary>
    public string? DeadLetterProducerName { get; set; }

    /// <summary>
    /// For an <see cref="IKafkaBatchHandler{TKey, TValue}"/>: the most records handed to it at once. Default 100; at least 1.
    /// A per-record <see cref="IKafkaMessageHandler{TKey, TValue}"/> gets one record at a time whatever this is.
    /// </summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// For an <see cref="IKafkaBatchHandler{TKey, TValue}"/>: how long a batch waits, from its first record, to fill up
    /// before it is handled as it is. Default 500 ms.
    /// </summary>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The part of the host's shutdown timeout (<c>HostOptions.ShutdownTimeout</c>) kept to commit and leave the group:
    /// when the host stops, the handler is cancelled, and one that still runs when only this much of the shutdown
    /// timeout is left is abandoned (its records are not committed). Default 5 s; at most half the shutdown timeout.
    /// </summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often handled offsets are committed; zero (the default) commits after every record or batch. Otherwise
    /// they are committed once this passed since the first one not committed, for partitions about to be revoked, and
    /// when the consumer stops; a crash in between means those records are handled again (still at-least-once).
    /// </summary>
    public TimeSpan CommitInterval { get; set; }
}
