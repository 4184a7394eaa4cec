using System.Globalization;
using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Groups;

/// <summary>What <c>kafka groups</c> does, through the admin client, printing what <c>kafka-consumer-groups.sh</c> prints.</summary>
internal sealed class GroupService(AdminClientOptions options, TextWriter output, TextWriter error) : IAsyncDisposable
{
    private const string Missing = "-";

    private readonly KafkaAdminClient _admin = new(options);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    /// <summary>Prints the consumer group ids, one per line, sorted.</summary>
    public async Task ListAsync(CancellationToken cancellationToken)
    {
        ListConsumerGroupsResult groups = await _admin.ListConsumerGroupsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (groups.Errors.Count > 0)
        {
            throw groups.Errors[0];
        }

        foreach (string id in groups.Valid.Select(g => g.GroupId).Order(StringComparer.Ordinal))
        {
            await output.WriteLineAsync(id).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Prints each group's partitions with committed offset, log end offset, lag and owner; an inactive group's state
    /// goes to stderr first, as Kafka's tool does.
    /// </summary>
    public async Task DescribeAsync(IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        foreach (string groupId in groupIds.Order(StringComparer.Ordinal))
        {
            ConsumerGroupDescription group = await DescribeGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
            if (group.State == ConsumerGroupState.Dead)
            {
                throw new KafkaException(ErrorCode.GroupIdNotFound, $"Consumer group '{groupId}' does not exist.");
            }

            if (group.State == ConsumerGroupState.Empty)
            {
                await error.WriteLineAsync($"\nConsumer group '{groupId}' has no active members.").ConfigureAwait(false);
            }
            else if (group.State is ConsumerGroupState.PreparingRebalance or ConsumerGroupState.CompletingRebalance or ConsumerGroupState.Assigning or ConsumerGroupState.Reconciling)
            {
                await error.WriteLineAsync($"\nWarning: Consumer group '{groupId}' is rebalancing.").ConfigureAwait(false);
            }

            IReadOnlyList<ConsumerLag> lags = await _admin.ListConsumerGroupLagAsync(groupId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (lags.Count == 0)
            {
                continue;
            }

            var table = new Columns(15, 15, -10, -15, -15, -15, 15, 15, 0);
            table.Add("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
            var lagByPartition = lags.ToDictionary(l => l.TopicPartition);

            // As Kafka's tool: members with the most partitions first, then committed partitions no member owns.
            foreach (MemberDescription member in group.Members.Where(m => m.Assignment.Partitions.Count > 0).OrderByDescending(m => m.Assignment.Partitions.Count))
            {
                foreach (TopicPartition partition in Sorted(member.Assignment.Partitions))
                {
                    AddRow(table, groupId, partition, lagByPartition.GetValueOrDefault(partition), member.MemberId, member.Host, member.ClientId);
                    lagByPartition.Remove(partition);
                }
            }

            foreach (TopicPartition partition in Sorted(lagByPartition.Keys))
            {
                AddRow(table, groupId, partition, lagByPartition[partition], Missing, Missing, Missing);
            }

            await WriteTableAsync(table).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>--describe --members [--verbose]</c>: one line per member with its partition count; verbose adds the
    /// assignment, and for a consumer-protocol group (KIP-848) the member's epoch and assignment against the group's
    /// target epoch and the member's target assignment, as Kafka 4's tool.
    /// </summary>
    public async Task DescribeMembersAsync(IReadOnlyList<string> groupIds, bool verbose, CancellationToken cancellationToken)
    {
        foreach (string groupId in groupIds.Order(StringComparer.Ordinal))
        {
            ConsumerGroupDescription group = await DescribeGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
            if (group.State == ConsumerGroupState.Dead)
            {
                throw new KafkaException(ErrorCode.GroupIdNotFound, $"Consumer group '{groupId}' does not exist.");
            }

            if (group.Members.Count == 0)
            {
                await error.WriteLineAsync($"\nConsumer group '{groupId}' has no active members.").ConfigureAwait(false);
                continue;
            }

            bool instanceIds = group.Members.Any(m => !string.IsNullOrEmpty(m.GroupInstanceId));
            bool consumerProtocol = group.GroupType == "consumer";
            List<string> header = ["GROUP", "CONSUMER-ID", .. instanceIds ? (string[])["GROUP-INSTANCE-ID"] : [], "HOST", "CLIENT-ID", "#PARTITIONS"];
            List<int> widths = [15, 15, .. instanceIds ? (int[])[17] : [], 15, 15, 15];
            if (verbose)
            {
                header.AddRange(consumerProtocol ? ["CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT"] : ["ASSIGNMENT"]);
                widths.AddRange(consumerProtocol ? [15, 20, 15, 0] : [0]);
            }

            var table = new Columns([.. widths]);
            table.Add([.. header]);
            foreach (MemberDescription member in group.Members.OrderByDescending(m => m.Assignment.Partitions.Count))
            {
                List<string> row = [groupId, member.MemberId, .. instanceIds ? (string[])[member.GroupInstanceId ?? Missing] : [], member.Host, member.ClientId, Number(member.Assignment.Partitions.Count)];
                if (verbose)
                {
                    row.AddRange(consumerProtocol
                        ? [Number(member.MemberEpoch), Assignment(member.Assignment.Partitions), Number(group.TargetAssignmentEpoch), Assignment(member.TargetAssignment?.Partitions ?? [])]
                        : [Assignment(member.Assignment.Partitions)]);
                }

                table.Add([.. row]);
            }

            await WriteTableAsync(table).ConfigureAwait(false);
        }
    }

    /// <summary>Partitions by topic, <c>topic:0,1</c>, topics sorted and joined with ", "; "-" for none.</summary>
    private static string Assignment(IReadOnlyList<TopicPartition> partitions) => partitions.Count == 0
        ? Missing
        : string.Join(", ", partitions.GroupBy(p => p.Topic).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => t.Key + ":" + string.Join(",", t.Select(p => p.Partition).Order())));

    /// <summary>
    /// Computes the new offsets of an inactive group, commits them with <paramref name="execute"/>, and prints them.
    /// </summary>
    public async Task ResetOffsetsAsync(string groupId, OffsetReset reset, bool execute, CancellationToken cancellationToken)
    {
        ConsumerGroupDescription group = await DescribeGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
        if (group.State is not (ConsumerGroupState.Empty or ConsumerGroupState.Dead))
        {
            throw new KafkaException(ErrorCode.NonEmptyGroup,
                $"Assignments can only be reset if the group '{groupId}' is inactive, but the current state is {group.State}.");
        }

        IReadOnlyList<TopicPartition> partitions = await reset.PartitionsAsync(_admin, groupId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<TopicPartitionOffset> offsets = await reset.NewOffsetsAsync(_admin, groupId, partitions, error, cancellationToken).ConfigureAwait(false);
        if (execute)
        {
            foreach (TopicPartitionResult result in await _admin.AlterConsumerGroupOffsetsAsync(groupId, offsets, cancellationToken).ConfigureAwait(false))
            {
                if (result.Error is { } failure)
                {
                    throw failure;
                }
            }
        }

        var table = new Columns(-30, -30, -10, 0);
        table.Add("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
        foreach (TopicPartitionOffset offset in offsets)
        {
            table.Add(groupId, offset.Topic, Number(offset.Partition), Number(offset.Offset));
        }

        await WriteTableAsync(table).ConfigureAwait(false);
    }

    /// <summary>Deletes the groups; prints Kafka's success line.</summary>
    public async Task DeleteAsync(IReadOnlyList<string> groupIds, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeleteGroupResult> results = await _admin.DeleteConsumerGroupsAsync(groupIds, cancellationToken).ConfigureAwait(false);
        List<DeleteGroupResult> failed = [.. results.Where(r => r.Error is not null)];
        if (failed.Count > 0)
        {
            string deleted = string.Join(", ", results.Where(r => r.Error is null).Select(r => $"'{r.GroupId}'"));
            throw new KafkaException(failed[0].Error!.Error, "Deletion of some consumer groups failed: "
                + string.Join("; ", failed.Select(f => $"group '{f.GroupId}' could not be deleted due to: {f.Error!.Message}"))
                + (deleted.Length > 0 ? $". These consumer groups were deleted successfully: {deleted}" : ""));
        }

        await output.WriteLineAsync($"Deletion of requested consumer groups ({string.Join(", ", groupIds.Select(g => $"'{g}'"))}) was successful.").ConfigureAwait(false);
    }

    private async Task<ConsumerGroupDescription> DescribeGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        ConsumerGroupDescription group = (await _admin.DescribeConsumerGroupsAsync([groupId], cancellationToken).ConfigureAwait(false))[0];
        return group.Error is { } failure ? throw failure : group;
    }

    /// <summary>A table as Kafka's tool prints it: an empty line, the header and rows, and an empty line.</summary>
    private async Task WriteTableAsync(Columns table)
    {
        await output.WriteLineAsync().ConfigureAwait(false);
        foreach (string line in table.Lines())
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
    }

    private static void AddRow(Columns table, string groupId, TopicPartition partition, ConsumerLag? lag, string consumerId, string host, string clientId) =>
        table.Add(groupId, partition.Topic, Number(partition.Partition), Number(lag?.CommittedOffset), Number(lag?.LogEndOffset), Number(lag?.Lag), consumerId, host, clientId);

    private static IEnumerable<TopicPartition> Sorted(IEnumerable<TopicPartition> partitions) =>
        partitions.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition);

    private static string Number(long? value) => value is { } number ? number.ToString(CultureInfo.InvariantCulture) : Missing;
}
