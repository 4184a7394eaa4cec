namespace Kafka.Client.Cluster;

/// <summary>
/// Exponential backoff with ±20% jitter, as the Java client's ExponentialBackoff (base, multiplier 2, max).
/// </summary>
internal static class Backoff
{
    public static TimeSpan Delay(TimeSpan initial, TimeSpan max, int attempt)
    {
        if (attempt <= 0 || initial <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        double exp = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        double capped = Math.Min(exp, Math.Max(max.TotalMilliseconds, initial.TotalMilliseconds));
        double jitter = 1 + ((Random.Shared.NextDouble() * 0.4) - 0.2);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
