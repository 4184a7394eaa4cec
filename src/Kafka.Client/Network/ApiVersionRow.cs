using Kafka.Client.Protocol;

namespace Kafka.Client.Network;

/// <summary>One row of a version table: the versions of <paramref name="Api"/> one side speaks, and what they add.</summary>
/// <param name="Api">The API.</param>
/// <param name="Min">The oldest version spoken.</param>
/// <param name="Max">The newest version spoken.</param>
/// <param name="Notes">What the versions add that the code relies on.</param>
/// <param name="BrokerOnlyFrom">The first version only brokers send to each other (AddPartitionsToTxn 4+), which the row stops below; -1 when none.</param>
/// <param name="ReleasedStable">
/// The newest version is marked <c>latestVersionUnstable</c> in the spec copy (a 4.0 development snapshot) but Kafka
/// released it stable: ConsumerGroupHeartbeat v1 (regular expressions, client-generated member ids) in Kafka 4.0.0.
/// </param>
internal sealed record ApiVersionRow(ApiKey Api, short Min, short Max, string Notes, short BrokerOnlyFrom = -1, bool ReleasedStable = false)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Api} {Min}-{Max}: {Notes}";
}
