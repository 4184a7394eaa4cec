using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Groups;

/// <summary>DescribeGroups, ListGroups, DeleteGroups, and the snapshots the public cluster API shows.</summary>
internal sealed partial class GroupCoordinator
{
    /// <summary>
    /// A group's description (GroupMetadataManager.describeGroups): an unknown group is "Dead" without error; member
    /// metadata is only shown in a Stable group, assignments always.
    /// </summary>
    public DescribeGroupsResponse.DescribedGroup Describe(string groupId)
    {
        var described = new DescribeGroupsResponse.DescribedGroup { GroupId = groupId, GroupState = GroupState.Dead.Name() };
        ClassicGroup? group = Find(groupId);
        if (group is null)
        {
            return described;
        }

        lock (group.Sync)
        {
            bool stable = group.State == GroupState.Stable;
            described.GroupState = group.State.Name();
            described.ProtocolType = group.ProtocolType ?? "";
            described.ProtocolData = stable ? group.ProtocolName ?? "" : "";
            foreach (GroupMember member in group.Members)
            {
                described.Members.Add(new DescribeGroupsResponse.DescribedGroupMember
                {
                    MemberId = member.MemberId,
                    GroupInstanceId = member.GroupInstanceId,
                    ClientId = member.ClientId,
                    ClientHost = member.ClientHost,
                    MemberMetadata = stable ? member.Metadata(group.ProtocolName ?? "") : ReadOnlyMemory<byte>.Empty,
                    MemberAssignment = member.Assignment,
                });
            }
        }

        return described;
    }

    /// <summary>
    /// The groups <paramref name="include"/> selects (the ones a broker coordinates), filtered by state (v4+, case
    /// insensitive) and type (v5+: "classic" or "consumer").
    /// </summary>
    public List<ListGroupsResponse.ListedGroup> List(Func<string, bool> include, IReadOnlyCollection<string> states, IReadOnlyCollection<string> types)
    {
        List<ListGroupsResponse.ListedGroup> listed = [.. ListConsumerGroups(include, states, types)];
        if (types.Count > 0 && !types.Any(t => string.Equals(t.Trim(), "classic", StringComparison.OrdinalIgnoreCase)))
        {
            return listed;
        }

        foreach (ClassicGroup group in AllGroups().Where(g => include(g.GroupId)))
        {
            lock (group.Sync)
            {
                string state = group.State.Name();
                if (group.State == GroupState.Dead || (states.Count > 0 && !states.Any(s => string.Equals(s.Trim(), state, StringComparison.OrdinalIgnoreCase))))
                {
                    continue;
                }

                listed.Add(new ListGroupsResponse.ListedGroup
                {
                    GroupId = group.GroupId,
                    ProtocolType = group.ProtocolType ?? "",
                    GroupState = state,
                    GroupType = "classic",
                });
            }
        }

        return listed;
    }

    /// <summary>Deletes an Empty group with its offsets (ClassicGroup.validateDeleteGroup); NON_EMPTY_GROUP while it has members.</summary>
    public ErrorCode DeleteGroup(string groupId)
    {
        if (FindConsumerGroup(groupId) is { } consumerGroup)
        {
            return DeleteConsumerGroup(consumerGroup);
        }

        ClassicGroup? group = Find(groupId);
        if (group is null)
        {
            return ErrorCode.GroupIdNotFound;
        }

        lock (group.Sync)
        {
            switch (group.State)
            {
                case GroupState.Dead:
                    return ErrorCode.GroupIdNotFound;
                case GroupState.Empty:
                    group.TransitionTo(GroupState.Dead);
                    group.Timers.CancelAll();
                    Forget(group);
                    Offsets.DeleteGroup(groupId);
                    Log(group, "deleted");
                    return ErrorCode.None;
                default:
                    return ErrorCode.NonEmptyGroup;
            }
        }
    }

    /// <summary>The ids of every group, in order.</summary>
    public List<string> GroupIds() => [.. AllGroups().Select(g => g.GroupId).Concat(AllConsumerGroups().Select(g => g.GroupId)).Order(StringComparer.Ordinal)];

    /// <summary>A public snapshot of a group, or null when there is no such group.</summary>
    public EmbeddedGroupInfo? Snapshot(string groupId)
    {
        ClassicGroup? group = Find(groupId);
        if (group is null)
        {
            return null;
        }

        lock (group.Sync)
        {
            var members = new List<EmbeddedGroupMember>(group.MemberCount);
            foreach (GroupMember m in group.Members)
            {
                members.Add(new EmbeddedGroupMember(
                    m.MemberId, m.GroupInstanceId, m.ClientId, m.ClientHost, m.Metadata(group.ProtocolName ?? ""), m.Assignment));
            }

            return new EmbeddedGroupInfo(
                group.GroupId, group.State.Name(), group.ProtocolType ?? "", group.ProtocolName, group.GenerationId, group.LeaderId, members);
        }
    }
}
