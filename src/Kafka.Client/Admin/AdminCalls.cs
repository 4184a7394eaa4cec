using System.Globalization;
using Kafka.Client.Protocol;
using Polly;
using Polly.Retry;

namespace Kafka.Client.Admin;

/// <summary>
/// Runs admin calls: attempts through a Polly retry pipeline (the cluster's, or one limited to <c>retries</c>), the
/// whole call bounded by <c>default.api.timeout.ms</c>. When time runs out, items still pending fail with
/// <see cref="ErrorCode.RequestTimedOut"/> and the last error they got; the caller's own cancellation throws.
/// </summary>
internal sealed class AdminCalls
{
    private readonly ResiliencePipeline _retry;
    private readonly TimeSpan _timeout;
    private readonly Func<KafkaException?> _unreachable;

    /// <param name="clusterRetry">The cluster's retry pipeline.</param>
    /// <param name="options">The admin client's options.</param>
    /// <param name="unreachable">Why no broker could be reached, if none could: the reason a call that got no other error timed out.</param>
    public AdminCalls(ResiliencePipeline clusterRetry, AdminClientOptions options, Func<KafkaException?>? unreachable = null)
    {
        _unreachable = unreachable ?? (static () => null);
        _timeout = TimeSpan.FromMilliseconds(options.DefaultApiTimeoutMs);
        _retry = options.Retries switch
        {
            int.MaxValue => clusterRetry,
            0 => ResiliencePipeline.Empty,
            int retries => new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<KafkaException>(e => e.IsRetriable),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(Math.Max(1, options.RetryBackoffMs)),
                    MaxDelay = TimeSpan.FromMilliseconds(Math.Max(options.RetryBackoffMs, options.RetryBackoffMaxMs)),
                    MaxRetryAttempts = retries,
                })
                .Build(),
        };
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> on the pending items until every item is answered, retries are used up or
    /// time runs out; returns one result per item.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<TResult>> RunAsync<TKey, TResult>(
        AdminBatch<TKey, TResult> batch,
        Func<IReadOnlyList<TKey>, CancellationToken, Task> attempt,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await _retry.ExecuteAsync(async token =>
            {
                try
                {
                    await attempt(batch.Pending, token).ConfigureAwait(false);
                }
                catch (KafkaException e) when (!e.IsRetriable)
                {
                    batch.FailPending(_ => e);
                }
                catch (KafkaException e)
                {
                    batch.Handle(batch.Pending, e);
                    throw;
                }

                if (batch.RetryReason() is { } reason)
                {
                    throw new RetryPendingException(reason);
                }
            }, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            batch.FailPending(TimedOut);
        }
        catch (KafkaException e)
        {
            // Retries used up: the pending items keep the error they last got.
            batch.FailPending(last => last ?? e);
        }

        return batch.Results;
    }

    /// <summary>Runs a call about one thing, retrying retriable errors; its failure is thrown.</summary>
    /// <exception cref="KafkaException">The call failed, or did not complete within <c>default.api.timeout.ms</c>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<T> CallAsync<T>(string what, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var batch = new AdminBatch<string, Outcome<T>>([what], "call", static (_, e) => new Outcome<T>(default, e));
        await RunAsync(batch, async (_, token) => batch.Succeed(what, new Outcome<T>(await attempt(token).ConfigureAwait(false), null)), cancellationToken).ConfigureAwait(false);
        Outcome<T> outcome = batch.Results[0];
        return outcome.Error is { } error ? throw error : outcome.Value!;
    }

    private KafkaException TimedOut(KafkaException? error)
    {
        KafkaException? last = error ?? _unreachable();
        return new(
            ErrorCode.RequestTimedOut,
            string.Create(CultureInfo.InvariantCulture, $"No answer within default.api.timeout.ms ({_timeout.TotalMilliseconds:F0} ms)") + (last is null ? "." : $"; last error: {last.Message}"),
            last?.TopicPartition,
            last);
    }
}
