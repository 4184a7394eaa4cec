namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// The order in which range and round robin walk the members (Java's <c>AbstractPartitionAssignor.MemberInfo</c>):
/// static members first, by <c>group.instance.id</c>, so a rolling restart that hands out new member ids doesn't
/// shuffle their partitions; then dynamic members by member id. Strings compare ordinally, as Java's <c>compareTo</c>.
/// </summary>
internal sealed class MemberOrder : IComparer<GroupMemberSubscription>
{
    /// <summary>The shared instance.</summary>
    public static readonly MemberOrder Instance = new();

    private MemberOrder()
    {
    }

    /// <inheritdoc/>
    public int Compare(GroupMemberSubscription? x, GroupMemberSubscription? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return (x.GroupInstanceId, y.GroupInstanceId) switch
        {
            ({ } a, { } b) => string.CompareOrdinal(a, b),
            ({ }, null) => -1,
            (null, { }) => 1,
            _ => string.CompareOrdinal(x.MemberId, y.MemberId),
        };
    }
}
