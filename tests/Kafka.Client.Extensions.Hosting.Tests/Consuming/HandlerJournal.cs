using System.Collections.Concurrent;

namespace Kafka.Client.Extensions.Hosting.Tests.Consuming;

/// <summary>What the test handler saw, and when it fails: a singleton each test registers anew.</summary>
internal sealed class HandlerJournal
{
    public ConcurrentQueue<ConsumeResult<string, string>> Handled { get; } = new();

    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    /// <summary>Given a value and its attempt (1, 2...), whether the handler throws.</summary>
    public Func<string, int, bool> Fails { get; init; } = (_, _) => false;

    public TimeSpan Delay { get; init; }

    /// <summary>Given a value, whether the handler blocks on it for ever, deaf to its cancellation token.</summary>
    public Func<string, bool> Blocks { get; init; } = _ => false;

    /// <summary>The batches a batch handler was given, in order.</summary>
    public ConcurrentQueue<IReadOnlyList<ConsumeResult<string, string>>> Batches { get; } = new();

    public int Scopes;
}

/// <summary>The test handler: scoped, counts its scopes, fails as the journal says.</summary>
internal sealed class JournalHandler : IKafkaMessageHandler<string, string>, IDisposable
{
    private readonly HandlerJournal _journal;

    public JournalHandler(HandlerJournal journal)
    {
        _journal = journal;
        Interlocked.Increment(ref journal.Scopes);
    }

    public async ValueTask HandleAsync(ConsumeResult<string, string> record, CancellationToken cancellationToken)
    {
        int attempt = _journal.Attempts.AddOrUpdate(record.Message.Value, 1, (_, n) => n + 1);
        if (_journal.Delay > TimeSpan.Zero)
        {
            await Task.Delay(_journal.Delay, cancellationToken);
        }

        if (_journal.Blocks(record.Message.Value))
        {
            await new TaskCompletionSource().Task;
        }

        if (_journal.Fails(record.Message.Value, attempt))
        {
            throw new FormatException($"cannot handle {record.Message.Value} (attempt {attempt})");
        }

        _journal.Handled.Enqueue(record);
    }

    public void Dispose()
    {
    }
}

/// <summary>The test batch handler: scoped, counts its scopes, fails a batch when the journal says so for any of its values.</summary>
internal sealed class JournalBatchHandler : IKafkaBatchHandler<string, string>
{
    private readonly HandlerJournal _journal;

    public JournalBatchHandler(HandlerJournal journal)
    {
        _journal = journal;
        Interlocked.Increment(ref journal.Scopes);
    }

    public ValueTask HandleAsync(IReadOnlyList<ConsumeResult<string, string>> records, CancellationToken cancellationToken)
    {
        var attempts = records.Select(r => _journal.Attempts.AddOrUpdate(r.Message.Value, 1, (_, n) => n + 1)).ToList();
        if (records.Where((r, i) => _journal.Fails(r.Message.Value, attempts[i])).FirstOrDefault() is { } failing)
        {
            throw new FormatException($"cannot handle {failing.Message.Value}");
        }

        _journal.Batches.Enqueue([.. records]);
        foreach (ConsumeResult<string, string> record in records)
        {
            _journal.Handled.Enqueue(record);
        }

        return ValueTask.CompletedTask;
    }
}
