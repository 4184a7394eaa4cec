using System.Diagnostics.CodeAnalysis;
using Kafka.Client.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Kafka.Client.Consuming;

/// <summary>
/// Runs one consumer for the host: reads with <c>await foreach</c>, handles each record in a DI scope of its own,
/// commits its offset once the handler succeeded (at-least-once: auto-commit is off), retries a failing record with
/// Polly, then stops, skips or dead-letters it. When the host stops, the record in hand is not committed, what
/// succeeded is, and disposing the consumer leaves the group.
/// </summary>
internal sealed class KafkaConsumerHandlerService<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TKey, TValue> : BackgroundService
    where THandler : class, IKafkaMessageHandler<TKey, TValue>
{
    private readonly IServiceProvider _services;
    private readonly string _name;
    private readonly KafkaConsumerHandlerOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly HostedConsumerState _state;

    public KafkaConsumerHandlerService(IServiceProvider services, string name)
    {
        _services = services;
        _name = name;
        _options = services.GetRequiredService<IOptionsMonitor<KafkaConsumerHandlerOptions>>().Get(name);
        _logger = (services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("Kafka.Client.Hosting.Consumer");
        _state = services.GetRequiredService<HostedConsumerStates>().For(name);
        _retry = _options.Retry is { } retry ? new ResiliencePipelineBuilder().AddRetry(retry).Build() : ResiliencePipeline.Empty;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Topics.Count == 0)
        {
            throw new InvalidOperationException($"The hosted consumer {typeof(THandler).Name} has no topics: set KafkaConsumerHandlerOptions.Topics.");
        }

        KafkaProducer<TKey, TValue>? deadLetters = _options.OnError == KafkaHandlerErrorAction.DeadLetter ? DeadLetterProducer() : null;
        ConsumerOptions options = _services.GetRequiredService<IOptionsMonitor<ConsumerOptions>>().Get(_name);
        options.EnableAutoCommit = false;
        KafkaConsumer<TKey, TValue> consumer = KafkaConsumerServiceCollectionExtensions.Create<TKey, TValue>(_services, _name, options);
        await using (consumer.ConfigureAwait(false))
        {
            consumer.OnPartitionsAssigned = (partitions, _) =>
            {
                _state.Assigned(partitions);
                return ValueTask.CompletedTask;
            };
            consumer.OnPartitionsRevoked = (partitions, _) =>
            {
                _state.Revoked(partitions, [.. consumer.Assignment.Except(partitions)]);
                return ValueTask.CompletedTask;
            };
            consumer.Subscribe(_options.Topics);
            _state.Started();
            HostingLog.Started(_logger, typeof(THandler).Name, string.Join(", ", _options.Topics));
            try
            {
                await foreach (ConsumeResult<TKey, TValue> record in consumer.ConsumeAsync(stoppingToken).ConfigureAwait(false))
                {
                    Exception? error;
                    using (System.Diagnostics.Activity? process = HostingTelemetry.StartProcess(record, options.GroupId))
                    {
                        error = await HandleWithRetriesAsync(record, stoppingToken).ConfigureAwait(false);
                        if (error is not null)
                        {
                            process?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error.Message);
                            process?.SetTag("error.type", error.GetType().FullName);
                        }
                    }

                    if (error is not null && !await OnErrorAsync(record, error, deadLetters, stoppingToken).ConfigureAwait(false))
                    {
                        HostingLog.Stopping(_logger, error, typeof(THandler).Name, record.TopicPartitionOffset.ToString());
                        var stopped = new KafkaHandlerException(record.TopicPartitionOffset, error);
                        _state.Stopped(stopped);
                        throw stopped;
                    }

                    // Not cancelled by the host's stop: a handled record is committed (the commit has its own timeout).
                    await consumer.CommitAsync([new TopicPartitionOffset(record.TopicPartition, record.Offset + 1)], CancellationToken.None).ConfigureAwait(false);
                    _state.Handled(record.TopicPartition, record.Offset + 1, consumer.GetWatermarkOffsets(record.TopicPartition).High);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                HostingLog.Stopped(_logger, typeof(THandler).Name);
                _state.Stopped(null);
            }
            catch (Exception e) when (e is not KafkaHandlerException)
            {
                _state.Stopped(e);
                throw;
            }
        }
    }

    /// <summary>Null when the handler succeeded (maybe after retries), else its last error.</summary>
    private async ValueTask<Exception?> HandleWithRetriesAsync(ConsumeResult<TKey, TValue> record, CancellationToken stoppingToken)
    {
        ResilienceContext resilience = ResilienceContextPool.Shared.Get(stoppingToken);
        try
        {
            Outcome<bool> outcome = await _retry.ExecuteOutcomeAsync(
                static async (context, state) =>
                {
                    try
                    {
                        await state.Service.HandleOnceAsync(state.Record, context.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(true);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
                    {
                        return Outcome.FromException<bool>(e);
                    }
                },
                resilience,
                (Service: this, Record: record)).ConfigureAwait(false);

            // Failed because the host stops: the record is not committed; the group's next owner reads it again.
            if (outcome.Exception is not null)
            {
                stoppingToken.ThrowIfCancellationRequested();
            }

            return outcome.Exception;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    private async Task HandleOnceAsync(ConsumeResult<TKey, TValue> record, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            THandler handler = scope.ServiceProvider.GetRequiredService<THandler>();
            await handler.HandleAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when consuming goes on past the failed record.</summary>
    private async ValueTask<bool> OnErrorAsync(ConsumeResult<TKey, TValue> record, Exception error, KafkaProducer<TKey, TValue>? deadLetters, CancellationToken cancellationToken)
    {
        switch (_options.OnError)
        {
            case KafkaHandlerErrorAction.Skip:
                HostingLog.Skipped(_logger, error, typeof(THandler).Name, record.TopicPartitionOffset.ToString());
                return true;
            case KafkaHandlerErrorAction.DeadLetter:
                string topic = _options.DeadLetterTopic ?? record.Topic + ".DLT";
                await deadLetters!.ProduceAsync(topic, new Message<TKey, TValue>
                {
                    Key = record.Message.Key,
                    Value = record.Message.Value,
                    Headers = DeadLetterHeaders.For(record, error),
                }, cancellationToken).ConfigureAwait(false);
                HostingLog.DeadLettered(_logger, error, typeof(THandler).Name, record.TopicPartitionOffset.ToString(), topic);
                return true;
            default:
                return false;
        }
    }

    private KafkaProducer<TKey, TValue> DeadLetterProducer()
    {
        KafkaProducer<TKey, TValue>? producer = _options.DeadLetterProducerName is { } name
            ? _services.GetKeyedService<KafkaProducer<TKey, TValue>>(name)
            : _services.GetService<KafkaProducer<TKey, TValue>>();
        return producer ?? throw new InvalidOperationException(
            $"The hosted consumer {typeof(THandler).Name} sends dead letters through a KafkaProducer<{typeof(TKey).Name}, {typeof(TValue).Name}>"
            + (_options.DeadLetterProducerName is { } n ? $" named '{n}'" : "") + ": register it with AddKafkaProducer.");
    }
}
