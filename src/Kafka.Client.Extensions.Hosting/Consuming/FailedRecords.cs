using Kafka.Client.DependencyInjection;
using Kafka.Client.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Consuming;

/// <summary>
/// Applies <see cref="KafkaConsumerHandlerOptions.OnError"/> to the records a handler failed on after its retries, and
/// to records that failed to deserialize: true when consuming goes on (skipped, or sent to the dead-letter topic), false
/// to stop. Handler failures are dead-lettered through the registered <see cref="KafkaProducer{TKey, TValue}"/>;
/// records that could not be deserialized go as their raw bytes through a byte-array producer with the same options,
/// made on first use and disposed with this.
/// </summary>
internal sealed class FailedRecords<TKey, TValue>(IServiceProvider services, KafkaConsumerHandlerOptions options, string handler, ILogger logger) : IAsyncDisposable
{
    private KafkaProducer<TKey, TValue>? _deadLetters;
    private KafkaProducer<byte[], byte[]>? _rawDeadLetters;

    /// <summary>Checks that the dead-letter producer is registered, so a missing one fails the start rather than the first failure.</summary>
    public void Prepare()
    {
        if (options.OnError == KafkaHandlerErrorAction.DeadLetter)
        {
            _deadLetters = DeadLetterProducer();
        }
    }

    /// <summary>The handler failed on <paramref name="records"/> (one, or a batch) after its retries.</summary>
    public async ValueTask<bool> HandlerFailedAsync(IReadOnlyList<ConsumeResult<TKey, TValue>> records, Exception error, CancellationToken cancellationToken)
    {
        string position = Position(records);
        switch (options.OnError)
        {
            case KafkaHandlerErrorAction.Skip:
                HostingLog.Skipped(logger, error, handler, position);
                return true;
            case KafkaHandlerErrorAction.DeadLetter:
                foreach (ConsumeResult<TKey, TValue> record in records)
                {
                    await _deadLetters!.ProduceAsync(Topic(record.Topic), new Message<TKey, TValue>
                    {
                        Key = record.Message.Key,
                        Value = record.Message.Value,
                        Headers = DeadLetterHeaders.For(record.Message.Headers, record.TopicPartitionOffset, error),
                    }, cancellationToken).ConfigureAwait(false);
                }

                HostingLog.DeadLettered(logger, error, handler, position, Topic(records[0].Topic));
                return true;
            default:
                HostingLog.Stopping(logger, error, handler, position);
                return false;
        }
    }

    /// <summary>The record at <see cref="ConsumeException.Record"/> could not be deserialized.</summary>
    public async ValueTask<bool> DeserializeFailedAsync(ConsumeException error, CancellationToken cancellationToken)
    {
        string position = error.Record.ToString();
        switch (options.OnError)
        {
            case KafkaHandlerErrorAction.Skip:
                HostingLog.SkippedUnreadable(logger, error, handler, position);
                return true;
            case KafkaHandlerErrorAction.DeadLetter:
                _rawDeadLetters ??= new KafkaProducer<byte[], byte[]>(KafkaClientRegistration.Options<ProducerOptions>(services, options.DeadLetterProducerName ?? Microsoft.Extensions.Options.Options.DefaultName));
                string topic = Topic(error.Record.Topic);
                await _rawDeadLetters.ProduceAsync(topic, new Message<byte[], byte[]>
                {
                    Key = error.RawKey!,
                    Value = error.RawValue!,
                    Headers = DeadLetterHeaders.For(error.Headers, error.Record, error.InnerException ?? error),
                }, cancellationToken).ConfigureAwait(false);
                HostingLog.DeadLetteredUnreadable(logger, error, handler, position, topic);
                return true;
            default:
                HostingLog.StoppingUnreadable(logger, error, handler, position);
                return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_rawDeadLetters is not null)
        {
            await _rawDeadLetters.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string Topic(string topic) => options.DeadLetterTopic ?? topic + ".DLT";

    private static string Position(IReadOnlyList<ConsumeResult<TKey, TValue>> records) =>
        records.Count == 1 ? records[0].TopicPartitionOffset.ToString() : $"{records.Count} records from {records[0].TopicPartitionOffset}";

    private KafkaProducer<TKey, TValue> DeadLetterProducer()
    {
        KafkaProducer<TKey, TValue>? producer = options.DeadLetterProducerName is { } name
            ? services.GetKeyedService<KafkaProducer<TKey, TValue>>(name)
            : services.GetService<KafkaProducer<TKey, TValue>>();
        return producer ?? throw new InvalidOperationException(
            $"The hosted consumer {handler} sends dead letters through a KafkaProducer<{typeof(TKey).Name}, {typeof(TValue).Name}>"
            + (options.DeadLetterProducerName is { } n ? $" named '{n}'" : "") + ": register it with AddKafkaProducer.");
    }
}
