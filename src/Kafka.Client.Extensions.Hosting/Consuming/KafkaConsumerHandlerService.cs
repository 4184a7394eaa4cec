using System.Diagnostics;
using Kafka.Client.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Kafka.Client.Consuming;

/// <summary>
/// Runs one consumer for the host: hands each record (or each batch) to the handler in a DI scope of its own, commits
/// once the handler succeeded (at-least-once: auto-commit is off), retries a failure with Polly, then stops, skips or
/// dead-letters the records, as it does for records that fail to deserialize. When the host stops, the handler in
/// progress is cancelled and, if it does not return before only <see cref="KafkaConsumerHandlerOptions.CloseTimeout"/>
/// of the host's shutdown timeout is left, abandoned uncommitted; what succeeded is committed, and the group is left
/// with the time that remains.
/// </summary>
internal sealed class KafkaConsumerHandlerService<TKey, TValue> : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly string _name;
    private readonly HandlerInvoker<TKey, TValue> _handler;
    private readonly KafkaConsumerHandlerOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly HostedConsumerState _state;
    private readonly ShutdownBudget _shutdown = new();
    private readonly PendingCommits _pending;
    private string? _groupId;

    public KafkaConsumerHandlerService(IServiceProvider services, string name, HandlerInvoker<TKey, TValue> handler)
    {
        _services = services;
        _name = name;
        _handler = handler;
        _state = services.GetRequiredService<HostedConsumerStates>().For(name);
        _options = services.GetRequiredService<IOptionsMonitor<KafkaConsumerHandlerOptions>>().Get(name);
        _logger = (services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("Kafka.Client.Hosting.Consumer");
        _pending = new PendingCommits(_options.CommitInterval);
        _retry = _options.Retry is { } retry ? new ResiliencePipelineBuilder().AddRetry(retry).Build() : ResiliencePipeline.Empty;
    }

    private int BatchSize => _handler.Batches ? _options.BatchSize : 1;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        TimeSpan shutdownTimeout = _services.GetService<IOptions<HostOptions>>()?.Value.ShutdownTimeout ?? Timeout.InfiniteTimeSpan;
        _shutdown.Start(shutdownTimeout, _options.CloseTimeout, cancellationToken);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        base.Dispose();
        _shutdown.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            HostingLog.Stopped(_logger, _handler.Name);
            _state.Stopped(null);
        }
        catch (Exception e)
        {
            // Whatever stopped it (a failed record, a fatal consumer error, a missing dead-letter producer) is the health check's.
            _state.Stopped(e);
            throw;
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = new FailedRecords<TKey, TValue>(_services, _options, _handler.Name, _logger);
        await using (failures.ConfigureAwait(false))
        {
            failures.Prepare();
            ConsumerOptions options = _services.GetRequiredService<IOptionsMonitor<ConsumerOptions>>().Get(_name);
            options.EnableAutoCommit = false;
            _groupId = options.GroupId;
            KafkaConsumer<TKey, TValue> consumer = KafkaConsumerServiceCollectionExtensions.Create<TKey, TValue>(_services, _name, options);
            try
            {
                consumer.OnPartitionsAssigned = (partitions, _) =>
                {
                    _state.Assigned(partitions);
                    return ValueTask.CompletedTask;
                };
                consumer.OnPartitionsRevoked = async (partitions, _) =>
                {
                    // What was handled in them is committed before another member gets them.
                    if (_pending.Take(partitions) is { Count: > 0 } handled)
                    {
                        try
                        {
                            await consumer.CommitAsync(handled, _shutdown.Close).ConfigureAwait(false);
                        }
                        catch (KafkaException e)
                        {
                            // At-least-once still: the next owner handles them again.
                            HostingLog.RevokedCommitFailed(_logger, e, _handler.Name);
                        }
                    }

                    _state.Revoked(partitions, [.. consumer.Assignment.Except(partitions)]);
                };
                consumer.OnPartitionsLost = (partitions, _) =>
                {
                    // Others may own them already: nothing to commit; their records are handled again.
                    _pending.Take(partitions);
                    _state.Revoked(partitions, [.. consumer.Assignment.Except(partitions)]);
                    return ValueTask.CompletedTask;
                };
                consumer.Subscribe(_options.Topics);
                _state.Started();
                HostingLog.Started(_logger, _handler.Name, string.Join(", ", _options.Topics));
                await ConsumeAsync(consumer, failures, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                await CommitPendingAsync(consumer).ConfigureAwait(false);
                await CloseAsync(consumer).ConfigureAwait(false);
            }
        }
    }

    private async Task ConsumeAsync(KafkaConsumer<TKey, TValue> consumer, FailedRecords<TKey, TValue> failures, CancellationToken stoppingToken)
    {
        var batch = new List<ConsumeResult<TKey, TValue>>(BatchSize);
        long batchDeadline = 0;
        while (true)
        {
            ConsumeResult<TKey, TValue>? record = null;
            ConsumeException? unreadable = null;
            if (_pending.Due)
            {
                await consumer.CommitAsync(_pending.Take(), _shutdown.Close).ConfigureAwait(false);
            }

            try
            {
                TimeSpan wait = batch.Count == 0 ? _pending.UntilDue : TimeSpan.FromMilliseconds(Math.Max(0, batchDeadline - Environment.TickCount64));
                record = await consumer.ConsumeAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (ConsumeException e) when (e.Error != Protocol.ErrorCode.CorruptMessage)
            {
                unreadable = e;
            }

            if (record is not null)
            {
                if (batch.Count == 0)
                {
                    batchDeadline = Environment.TickCount64 + (long)_options.BatchTimeout.TotalMilliseconds;
                }

                batch.Add(record);
                if (batch.Count < BatchSize && Environment.TickCount64 < batchDeadline)
                {
                    continue;
                }
            }

            // A full batch, a batch whose time is up, or the records before one that cannot be read: handled first, in order.
            if (batch.Count > 0)
            {
                await HandleAsync(consumer, batch, failures, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }

            if (unreadable is not null)
            {
                if (!await failures.DeserializeFailedAsync(unreadable, stoppingToken).ConfigureAwait(false))
                {
                    throw unreadable;
                }

                await HandledAsync(consumer, [new TopicPartitionOffset(unreadable.Record.TopicPartition, unreadable.Record.Offset + 1)]).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(KafkaConsumer<TKey, TValue> consumer, List<ConsumeResult<TKey, TValue>> records, FailedRecords<TKey, TValue> failures, CancellationToken stoppingToken)
    {
        Exception? error;
        using (Activity? process = HostingTelemetry.StartProcess(records, _groupId))
        {
            error = await HandleWithRetriesAsync(records, stoppingToken).ConfigureAwait(false);
            if (error is not null)
            {
                process?.SetStatus(ActivityStatusCode.Error, error.Message);
                process?.SetTag("error.type", error.GetType().FullName);
            }
        }

        if (error is not null && !await failures.HandlerFailedAsync(records, error, stoppingToken).ConfigureAwait(false))
        {
            throw new KafkaHandlerException(records[0].TopicPartitionOffset, error);
        }

        // The offset after the last record of each partition.
        var next = new Dictionary<TopicPartition, long>();
        foreach (ConsumeResult<TKey, TValue> record in records)
        {
            next[record.TopicPartition] = record.Offset + 1;
        }

        await HandledAsync(consumer, [.. next.Select(n => new TopicPartitionOffset(n.Key, n.Value))]).ConfigureAwait(false);
        foreach ((TopicPartition partition, long offset) in next)
        {
            _state.Handled(partition, offset, consumer.GetWatermarkOffsets(partition).High);
        }
    }

    /// <summary>
    /// Commits <paramref name="offsets"/> now, or with the next due commit given a commit interval. Not cancelled by
    /// the host's stop, which only bounds it: what was handled is committed.
    /// </summary>
    private async Task HandledAsync(KafkaConsumer<TKey, TValue> consumer, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        foreach (TopicPartitionOffset offset in offsets)
        {
            _pending.Add(offset.TopicPartition, offset.Offset);
        }

        if (_options.CommitInterval <= TimeSpan.Zero || _pending.Due)
        {
            await consumer.CommitAsync(_pending.Take(), _shutdown.Close).ConfigureAwait(false);
        }
    }

    /// <summary>On the way out, whatever the reason: what was handled and not committed yet.</summary>
    private async Task CommitPendingAsync(KafkaConsumer<TKey, TValue> consumer)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        try
        {
            await consumer.CommitAsync(_pending.Take(), _shutdown.Close).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            HostingLog.FinalCommitFailed(_logger, e, _handler.Name);
        }
    }

    /// <summary>Null when the handler succeeded (maybe after retries), else its last error.</summary>
    private async ValueTask<Exception?> HandleWithRetriesAsync(List<ConsumeResult<TKey, TValue>> records, CancellationToken stoppingToken)
    {
        ResilienceContext resilience = ResilienceContextPool.Shared.Get(stoppingToken);
        ValueTask<Outcome<bool>> running = _retry.ExecuteOutcomeAsync(
            static async (context, state) =>
            {
                try
                {
                    await state.Service.HandleOnceAsync(state.Records, context.CancellationToken).ConfigureAwait(false);
                    return Outcome.FromResult(true);
                }
                catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
                {
                    return Outcome.FromException<bool>(e);
                }
            },
            resilience,
            (Service: this, Records: records));

        Outcome<bool> outcome;
        if (running.IsCompleted)
        {
            outcome = running.Result;
        }
        else
        {
            try
            {
                outcome = await running.AsTask().WaitAsync(_shutdown.Abandon).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_shutdown.Abandon.IsCancellationRequested)
            {
                // The handler ignored the stop: left running, with its context (not returned to the pool), uncommitted.
                HostingLog.Abandoned(_logger, _handler.Name, records[0].TopicPartitionOffset.ToString());
                throw new OperationCanceledException(stoppingToken);
            }
        }

        ResilienceContextPool.Shared.Return(resilience);

        // Failed because the host stops: not committed; the group's next owner reads the records again.
        if (outcome.Exception is not null)
        {
            stoppingToken.ThrowIfCancellationRequested();
        }

        return outcome.Exception;
    }

    private async Task HandleOnceAsync(IReadOnlyList<ConsumeResult<TKey, TValue>> records, CancellationToken cancellationToken)
    {
        AsyncServiceScope scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await _handler.Invoke(scope.ServiceProvider, records, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Leaves the group within what is left of the host's shutdown timeout.</summary>
    private async Task CloseAsync(KafkaConsumer<TKey, TValue> consumer)
    {
        try
        {
            await consumer.DisposeAsync().AsTask().WaitAsync(_shutdown.Close).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_shutdown.Close.IsCancellationRequested)
        {
            HostingLog.CloseTimedOut(_logger, _handler.Name);
        }
    }
}
