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
}
