using Kafka.Client.Admin;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client;

/// <summary>Listing, describing and deleting consumer groups.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Lists the consumer groups of the cluster (ListGroups, asked of every broker).</summary>
    /// <param name="states">Only groups in these states (brokers 2.6+), or null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The groups of consumers (protocol type <c>consumer</c>, or none for groups that only store offsets), by id;
    /// and one error per broker that could not be asked.
    /// </returns>
    /// <exception cref="KafkaException">No broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<ListConsumerGroupsResult> ListConsumerGroupsAsync(IEnumerable<ConsumerGroupState>? states, CancellationToken cancellationToken) =>
        ListConsumerGroupsAsync(states, [], cancellationToken);

    /// <summary>Lists the consumer groups of the cluster of these types (ListGroups v5, KIP-848), asked of every broker.</summary>
    /// <param name="states">Only groups in these states (brokers 2.6+), or null for all.</param>
    /// <param name="types">Only groups of these protocols: <c>classic</c>, <c>consumer</c> (brokers 3.8+); null or empty for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The groups of consumers by id, each with its <see cref="ConsumerGroupListing.GroupType"/>; and one error per broker that could not be asked.</returns>
    /// <exception cref="KafkaException">No broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ListConsumerGroupsResult> ListConsumerGroupsAsync(IEnumerable<ConsumerGroupState>? states = null, IEnumerable<string>? types = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        List<string> filter = [.. (states ?? []).Distinct().Select(s => s.ToString())];
        List<string> typesFilter = [.. (types ?? []).Distinct(StringComparer.OrdinalIgnoreCase)];
        IReadOnlyList<int> brokers = await _calls.CallAsync("ListGroups", _nodes.BrokerIdsAsync, cancellationToken).ConfigureAwait(false);
        var batch = new AdminBatch<int, Outcome<List<ListGroupsResponse.ListedGroup>>>(brokers, "broker", (_, e) => new([], e));
        IReadOnlyList<Outcome<List<ListGroupsResponse.ListedGroup>>> answers = await _calls.RunAsync(batch, (pending, token) => _nodes.SendAsync(batch, pending, id => Task.FromResult<int?>(id), async (connection, keys, t) =>
        {
            if (filter.Count > 0 && connection.VersionFor(ApiKey.ListGroups) < ListGroupsVersions.StatesFilter)
            {
                throw new KafkaException(ErrorCode.UnsupportedVersion, $"Broker {connection.NodeId} cannot filter groups by state (ListGroups v4, Kafka 2.6).");
            }

            if (typesFilter.Count > 0 && connection.VersionFor(ApiKey.ListGroups) < ListGroupsVersions.TypesFilter)
            {
                throw new KafkaException(ErrorCode.UnsupportedVersion, $"Broker {connection.NodeId} cannot filter groups by type (ListGroups v5, Kafka 3.8).");
            }

            var response = await connection.SendAsync(new ListGroupsRequest { StatesFilter = filter, TypesFilter = typesFilter }, t).ConfigureAwait(false);
            if (!batch.RecordError(keys[0], (ErrorCode)response.ErrorCode, null, RetryOn.Coordinator))
            {
                batch.Succeed(keys[0], new Outcome<List<ListGroupsResponse.ListedGroup>>(response.Groups, null));
            }
        }, token), cancellationToken).ConfigureAwait(false);

        return new ListConsumerGroupsResult(
            [.. answers.SelectMany(a => a.Value ?? [])
                .Where(g => ConsumerGroupDescriptions.IsConsumerGroup(g.ProtocolType))
                .DistinctBy(g => g.GroupId)
                .OrderBy(g => g.GroupId, StringComparer.Ordinal)
                .Select(g => new ConsumerGroupListing(g.GroupId, g.ProtocolType.Length == 0, ConsumerGroupStates.Parse(g.GroupState)) { GroupType = string.IsNullOrEmpty(g.GroupType) ? "classic" : g.GroupType })],
            [.. answers.Select(a => a.Error).OfType<KafkaException>()]);
    }

    /// <summary>
    /// Describes consumer groups: state, assignor and members with their assignments, sent to each group's coordinator:
    /// ConsumerGroupDescribe first where the broker has it (consumer-protocol groups, with epochs and target assignments,
    /// KIP-848), DescribeGroups for the others (classic groups), as Java's admin client.
    /// </summary>
    /// <param name="groupIds">The group ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One description per group, in order. A group that does not exist is described as <see cref="ConsumerGroupState.Dead"/>, without error, as the broker reports it.</returns>
    /// <exception cref="ArgumentException">A group id is empty or repeated.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ConsumerGroupDescription>> DescribeConsumerGroupsAsync(IEnumerable<string> groupIds, CancellationToken cancellationToken = default)
    {
        Dictionary<string, string> groups = ByName(groupIds, g => g);
        var batch = new AdminBatch<string, ConsumerGroupDescription>(groups.Keys, "group", (id, e) => new ConsumerGroupDescription(id, false, ConsumerGroupState.Unknown, "", "", [], null, e));
        return await _calls.RunAsync(batch, (pending, token) => SendToCoordinatorsAsync(batch, pending, g => g, async (connection, keys, t) =>
        {
            List<string> classic = [.. keys];
            if (connection.Supports(ApiKey.ConsumerGroupDescribe))
            {
                // As Java's admin client: ConsumerGroupDescribe first; a group it does not know as a consumer-protocol
                // group (GROUP_ID_NOT_FOUND "Group X is not a consumer group.") is described with DescribeGroups.
                classic = await DescribeConsumerProtocolGroupsAsync(batch, connection, keys, t).ConfigureAwait(false);
                if (classic.Count == 0)
                {
                    return;
                }
            }

            var response = await connection.SendAsync(new DescribeGroupsRequest { Groups = classic }, t).ConfigureAwait(false);
            foreach (DescribeGroupsResponse.DescribedGroup group in response.Groups)
            {
                if (RecordGroupError(batch, group.GroupId, group.GroupId, group.ErrorCode))
                {
                    continue;
                }

                try
                {
                    batch.Succeed(group.GroupId, ConsumerGroupDescriptions.From(group, _nodes.NodeOf(connection.NodeId)));
                }
                catch (KafkaException e)
                {
                    batch.Fail(group.GroupId, e);
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

    /// <returns>The groups that are not consumer-protocol groups, to describe with DescribeGroups.</returns>
    private async Task<List<string>> DescribeConsumerProtocolGroupsAsync(AdminBatch<string, ConsumerGroupDescription> batch, KafkaConnection connection, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(new ConsumerGroupDescribeRequest { GroupIds = [.. keys] }, cancellationToken).ConfigureAwait(false);
        var classic = new List<string>();
        foreach (ConsumerGroupDescribeResponse.DescribedGroup group in response.Groups)
        {
            if ((ErrorCode)group.ErrorCode == ErrorCode.GroupIdNotFound)
            {
                classic.Add(group.GroupId);
                continue;
            }

            if (!RecordGroupError(batch, group.GroupId, group.GroupId, group.ErrorCode))
            {
                batch.Succeed(group.GroupId, ConsumerGroupDescriptions.From(group, _nodes.NodeOf(connection.NodeId)));
            }
        }

        return classic;
    }

    /// <summary>Deletes consumer groups and their committed offsets (DeleteGroups, sent to each group's coordinator).</summary>
    /// <param name="groupIds">The group ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One result per group, in order; <see cref="ErrorCode.NonEmptyGroup"/> while a group has members,
    /// <see cref="ErrorCode.GroupIdNotFound"/> for a group that does not exist.
    /// </returns>
    /// <exception cref="ArgumentException">A group id is empty or repeated.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<DeleteGroupResult>> DeleteConsumerGroupsAsync(IEnumerable<string> groupIds, CancellationToken cancellationToken = default)
    {
        Dictionary<string, string> groups = ByName(groupIds, g => g);
        var batch = new AdminBatch<string, DeleteGroupResult>(groups.Keys, "group", (id, e) => new DeleteGroupResult(id, e));
        return await _calls.RunAsync(batch, (pending, token) => SendToCoordinatorsAsync(batch, pending, g => g, async (connection, keys, t) =>
        {
            var response = await connection.SendAsync(new DeleteGroupsRequest { GroupsNames = [.. keys] }, t).ConfigureAwait(false);
            foreach (DeleteGroupsResponse.DeletableGroupResult group in response.Results)
            {
                if (!RecordGroupError(batch, group.GroupId, group.GroupId, group.ErrorCode))
                {
                    batch.Succeed(group.GroupId, new DeleteGroupResult(group.GroupId, null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends each item to the coordinator of its group (<paramref name="groupOf"/>), one request per coordinator.</summary>
    private Task SendToCoordinatorsAsync<TKey, TResult>(
        AdminBatch<TKey, TResult> batch,
        IReadOnlyList<TKey> keys,
        Func<TKey, string> groupOf,
        Func<KafkaConnection, IReadOnlyList<TKey>, CancellationToken, Task> send,
        CancellationToken cancellationToken)
        where TKey : notnull =>
        _nodes.SendAsync(batch, keys, async k => (int?)await _coordinators.FindAsync(groupOf(k), cancellationToken).ConfigureAwait(false), send, cancellationToken, _coordinators.ForgetNode);

    /// <summary>Records a group API's error for an item; coordinator errors forget the coordinator and retry.</summary>
    private bool RecordGroupError<TKey, TResult>(AdminBatch<TKey, TResult> batch, TKey key, string groupId, short error)
        where TKey : notnull
    {
        _coordinators.ForgetOn(groupId, (ErrorCode)error);
        return batch.RecordError(key, (ErrorCode)error, null, RetryOn.Coordinator);
    }
}
