namespace Kafka.Client;

/// <summary>Helpers on the per-item results of admin calls.</summary>
public static class AdminResultExtensions
{
    /// <summary>Throws when any item failed; returns the results otherwise.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="results">The results of an admin call.</param>
    /// <returns><paramref name="results"/>, when every item succeeded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    /// <exception cref="KafkaAdminException">At least one item failed; the exception lists every failure and keeps every result.</exception>
    /// <example>
    /// <code>
    /// (await admin.CreateTopicsAsync([new TopicSpecification { Name = "orders", NumPartitions = 3 }])).ThrowIfAnyFailed();
    /// </code>
    /// </example>
    public static IReadOnlyList<T> ThrowIfAnyFailed<T>(this IReadOnlyList<T> results)
        where T : AdminResult
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Any(r => r.Error is not null) ? throw new KafkaAdminException(results) : results;
    }
}
