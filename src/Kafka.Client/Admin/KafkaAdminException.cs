namespace Kafka.Client;

/// <summary>
/// Some items of an admin call failed. <see cref="KafkaException.Error"/> is the first failure's code; the message
/// lists every failure; <see cref="Results"/> keeps the results of all items, the successful ones too.
/// </summary>
public sealed class KafkaAdminException : KafkaException
{
    /// <summary>Creates the exception from the results of a call, at least one of them failed.</summary>
    /// <param name="results">Every result of the call.</param>
    /// <exception cref="ArgumentException">No result failed.</exception>
    public KafkaAdminException(IReadOnlyList<AdminResult> results)
        : this(results, [.. results.Select(r => r.Error).OfType<KafkaException>()])
    {
    }

    private KafkaAdminException(IReadOnlyList<AdminResult> results, List<KafkaException> failures)
        : base(
            failures.Count > 0 ? failures[0].Error : throw new ArgumentException("No result failed.", nameof(results)),
            $"{failures.Count} of {results.Count} items failed: {string.Join("; ", failures.Select(f => f.Message))}",
            failures[0].TopicPartition,
            failures.Count == 1 ? failures[0] : new AggregateException(failures))
    {
        Results = results;
        Failures = failures;
    }

    /// <summary>The results of every item of the call.</summary>
    public IReadOnlyList<AdminResult> Results { get; }

    /// <summary>The errors of the items that failed, in the order of the items.</summary>
    public IReadOnlyList<KafkaException> Failures { get; }

    /// <inheritdoc />
    /// <remarks>True only when every failure is retriable.</remarks>
    public override bool IsRetriable => Failures.All(f => f.IsRetriable);
}
