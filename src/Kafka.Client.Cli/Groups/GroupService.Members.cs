namespace Kafka.Client.Cli.Groups;

/// <summary><c>kafka groups --describe --members</c> and <c>--state</c>, with <c>--verbose</c> as KIP-1099 extended them.</summary>
internal sealed partial class GroupService
{
    /// <summary>
    /// <c>--describe --members [--verbose]</c>: one line per member with its partition count. Verbose adds, as Kafka's
    /// tool since KIP-1099 (apache/kafka ConsumerGroupCommand.printMembers), the member's epoch and assignment and the
    /// group's target assignment epoch and the member's target assignment; "-" where a classic group has none.
    /// </summary>
    public async Task DescribeMembersAsync(IReadOnlyList<string> groupIds, bool verbose, CancellationToken cancellationToken)
    {
        foreach (string groupId in groupIds.Order(StringComparer.Ordinal))
        {
            ConsumerGroupDescription group = await DescribeLiveGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
            // An empty group gets its note on stderr and the header alone, as Kafka's printMembers.
            bool instanceIds = group.Members.Any(m => !string.IsNullOrEmpty(m.GroupInstanceId));
            List<string> header = ["GROUP", "CONSUMER-ID", .. instanceIds ? (string[])["GROUP-INSTANCE-ID"] : [], "HOST", "CLIENT-ID", "#PARTITIONS"];
            List<int> widths = [15, 15, .. instanceIds ? (int[])[17] : [], 15, 15, -15];
            if (verbose)
            {
                header.AddRange(["CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT"]);
                widths.AddRange([-15, 20, -15, 0]);
            }

            var table = new Columns([.. widths]);
            table.Add([.. header]);
            foreach (MemberDescription member in group.Members)
            {
                List<string> row = [groupId, member.MemberId, .. instanceIds ? (string[])[member.GroupInstanceId ?? ""] : [], member.Host, member.ClientId, Number(member.Assignment.Partitions.Count)];
                if (verbose)
                {
                    row.AddRange([Number(member.MemberEpoch), Assignment(member.Assignment.Partitions), Number(group.TargetAssignmentEpoch), Assignment(member.TargetAssignment?.Partitions ?? [])]);
                }

                table.Add([.. row]);
            }

            await WriteTableAsync(table).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>--describe --state [--verbose]</c>: the group's coordinator, assignor, state and member count; verbose adds
    /// the group epoch and the target assignment epoch ("-" for a classic group), as Kafka's tool since KIP-1099.
    /// </summary>
    public async Task DescribeStateAsync(IReadOnlyList<string> groupIds, bool verbose, CancellationToken cancellationToken)
    {
        foreach (string groupId in groupIds.Order(StringComparer.Ordinal))
        {
            ConsumerGroupDescription group = await DescribeLiveGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
            string coordinator = group.Coordinator is { } node ? $"{node.Host}:{node.Port}  ({node.Id})" : Missing;
            string assignor = group.PartitionAssignor.Length == 0 ? Missing : group.PartitionAssignor;
            var table = verbose ? new Columns(15, 25, -20, -20, -15, -25, 0) : new Columns(15, 25, -20, -20, 0);
            table.Add([.. (string[])["GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE"], .. verbose ? (string[])["GROUP-EPOCH", "TARGET-ASSIGNMENT-EPOCH"] : [], "#MEMBERS"]);
            table.Add([.. (string[])[groupId, coordinator, assignor, group.State.ToString()],
                .. verbose ? (string[])[Number(group.GroupEpoch), Number(group.TargetAssignmentEpoch)] : [], Number(group.Members.Count)]);
            await WriteTableAsync(table).ConfigureAwait(false);
        }
    }

    /// <summary>Partitions by topic as Kafka's tool prints them, <c>a:0,1;b:0</c>, the topics' strings sorted; "-" for none.</summary>
    private static string Assignment(IReadOnlyList<TopicPartition> partitions) => partitions.Count == 0
        ? Missing
        : string.Join(";", partitions.GroupBy(p => p.Topic)
            .Select(t => t.Key + ":" + string.Join(",", t.Select(p => p.Partition).Order()))
            .Order(StringComparer.Ordinal));
}
