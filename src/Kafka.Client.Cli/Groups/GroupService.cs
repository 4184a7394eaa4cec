using System.Globalization;
using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Groups;

/// <summary>What <c>kafka groups</c> does, through the admin client, printing what <c>kafka-consumer-groups.sh</c> prints.</summary>
internal sealed partial class GroupService(AdminClientOptions options, TextWriter output, TextWriter error) : IAsyncDisposable
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
    /// <c>--list --state [S,...] --type [T,...]</c>: the groups (only those in the states and of the types given) with
    /// the columns asked for, as Kafka's <c>printGroupInfo</c>: the group column 10 wider than the longest id.
    /// </summary>
    public async Task ListAsync(IReadOnlyList<ConsumerGroupState>? states, IReadOnlyList<string>? types, CancellationToken cancellationToken)
    {
        ListConsumerGroupsResult groups = await _admin.ListConsumerGroupsAsync(states is { Count: > 0 } ? states : null, types, cancellationToken).ConfigureAwait(false);
        if (groups.Errors.Count > 0)
        {
            throw groups.Errors[0];
        }

        List<ConsumerGroupListing> listed = [.. groups.Valid.OrderBy(g => g.GroupId, StringComparer.Ordinal)];
        int groupWidth = listed.Select(g => Math.Max(15, g.GroupId.Length)).DefaultIfEmpty(15).Max() + 10;
        var table = new Columns([-groupWidth, .. types is not null ? (int[])[-20] : [], .. states is not null ? (int[])[-20] : []]);
        table.Add(["GROUP", .. types is not null ? (string[])["TYPE"] : [], .. states is not null ? (string[])["STATE"] : []]);
        foreach (ConsumerGroupListing group in listed)
        {
            table.Add([group.GroupId, .. types is not null ? (string[])[group.GroupType] : [], .. states is not null ? (string[])[group.State.ToString()] : []]);
        }

        foreach (string line in table.Lines())
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>--describe [--offsets] [--verbose]</c>: each group's partitions with committed offset, log end offset, lag and
    /// owner (verbose adds the leader epoch committed with the offset, KIP-1099); an inactive group's state goes to
    /// stderr first, as Kafka's tool does.
    /// </summary>
    public async Task DescribeAsync(IReadOnlyList<string> groupIds, bool verbose, CancellationToken cancellationToken)
    {
        foreach (string groupId in groupIds.Order(StringComparer.Ordinal))
        {
            ConsumerGroupDescription group = await DescribeLiveGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ConsumerLag> lags = await _admin.ListConsumerGroupLagAsync(groupId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (lags.Count == 0)
            {
                continue;
            }

            var table = verbose ? new Columns(15, 15, -10, -15, -15, -15, -15, 15, 15, 0) : new Columns(15, 15, -10, -15, -15, -15, 15, 15, 0);
            table.Add([.. (string[])["GROUP", "TOPIC", "PARTITION"], .. verbose ? (string[])["LEADER-EPOCH"] : [], "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"]);
            var lagByPartition = lags.ToDictionary(l => l.TopicPartition);
            void AddRow(TopicPartition partition, string consumerId, string host, string clientId)
            {
                ConsumerLag? lag = lagByPartition.GetValueOrDefault(partition);
                table.Add([groupId, partition.Topic, Number(partition.Partition), .. verbose ? (string[])[Number(lag?.CommittedLeaderEpoch)] : [],
                    Number(lag?.CommittedOffset), Number(lag?.LogEndOffset), Number(lag?.Lag), consumerId, host, clientId]);
            }

            // As Kafka's tool: members with the most partitions first, then committed partitions no member owns.
            foreach (MemberDescription member in group.Members.Where(m => m.Assignment.Partitions.Count > 0).OrderByDescending(m => m.Assignment.Partitions.Count))
            {
                foreach (TopicPartition partition in Sorted(member.Assignment.Partitions))
                {
                    AddRow(partition, member.MemberId, member.Host, member.ClientId);
                    lagByPartition.Remove(partition);
                }
            }

            foreach (TopicPartition partition in Sorted(lagByPartition.Keys))
            {
                AddRow(partition, Missing, Missing, Missing);
            }

            await WriteTableAsync(table).ConfigureAwait(false);
        }
    }

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

    /// <summary>
    /// The group, refused when it does not exist; an empty or rebalancing group is said on stderr first, as Kafka's
    /// tool does (<c>shouldPrintMemberState</c>).
    /// </summary>
    private async Task<ConsumerGroupDescription> DescribeLiveGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        ConsumerGroupDescription group = await DescribeGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
        switch (group.State)
        {
            case ConsumerGroupState.Dead:
                throw new KafkaException(ErrorCode.GroupIdNotFound, $"Consumer group '{groupId}' does not exist.");
            case ConsumerGroupState.Empty:
                await error.WriteLineAsync($"\nConsumer group '{groupId}' has no active members.").ConfigureAwait(false);
                break;
            case ConsumerGroupState.PreparingRebalance or ConsumerGroupState.CompletingRebalance or ConsumerGroupState.Assigning or ConsumerGroupState.Reconciling:
                await error.WriteLineAsync($"\nWarning: Consumer group '{groupId}' is rebalancing.").ConfigureAwait(false);
                break;
        }

        return group;
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

    private static IEnumerable<TopicPartition> Sorted(IEnumerable<TopicPartition> partitions) =>
        partitions.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition);

    private static string Number(long? value) => value is { } number ? number.ToString(CultureInfo.InvariantCulture) : Missing;
}
