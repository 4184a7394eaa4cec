using Kafka.Client.Protocol;

namespace Kafka.Client.Network;

/// <summary>One row of a version table: the versions of <paramref name="Api"/> one side speaks, and what they add.</summary>
/// <param name="Api">The API.</param>
/// <param name="Min">The oldest version spoken.</param>
/// <param name="Max">The newest version spoken.</param>
/// <param name="Notes">What the versions add that the code relies on.</param>
internal sealed record ApiVersionRow(ApiKey Api, short Min, short Max, string Notes)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Api} {Min}-{Max}: {Notes}";
}
