namespace Kafka.Client.Testing.Groups.Consumer;

/// <summary>
/// Moves a member's current assignment towards its target, as Kafka's <c>CurrentAssignmentBuilder</c>: partitions
/// the member must give up are revoked first (the member keeps its epoch and waits in
/// <see cref="MemberState.UnrevokedPartitions"/> until a heartbeat shows it no longer owns them); only then does it
/// reach the target epoch, with the new partitions no other member still holds (the rest it waits for in
/// <see cref="MemberState.UnreleasedPartitions"/>).
/// </summary>
internal static class AssignmentReconciler
{
    /// <summary>Reconciles <paramref name="member"/>; true when its assigned partitions changed.</summary>
    /// <param name="group">The group, for the target and for which partitions others hold.</param>
    /// <param name="member">The member, changed in place.</param>
    /// <param name="owned">The partitions the member says it owns, or null when the request did not say.</param>
    public static bool Reconcile(ConsumerGroup group, ConsumerGroupMember member, IReadOnlySet<TopicIdPartition>? owned)
    {
        switch (member.State)
        {
            case MemberState.Stable when member.MemberEpoch == group.AssignmentEpoch:
                return false;
            case MemberState.UnrevokedPartitions when owned is null || owned.Overlaps(member.PendingRevocation):
                // Not revoked yet (an unknown owned list counts as still owning).
                return false;
            default:
                return ComputeNext(group, member);
        }
    }

    private static bool ComputeNext(ConsumerGroup group, ConsumerGroupMember member)
    {
        HashSet<TopicIdPartition> target = group.Target.GetValueOrDefault(member.MemberId) ?? [];
        var kept = new HashSet<TopicIdPartition>(member.Assigned.Where(target.Contains));
        var revoke = new HashSet<TopicIdPartition>(member.Assigned.Where(p => !target.Contains(p)));
        var added = new List<TopicIdPartition>();
        bool unreleased = false;
        foreach (TopicIdPartition partition in target)
        {
            if (kept.Contains(partition))
            {
                continue;
            }

            if (group.IsHeldByAnother(partition, member.MemberId))
            {
                unreleased = true;
            }
            else
            {
                added.Add(partition);
            }
        }

        var before = new HashSet<TopicIdPartition>(member.Assigned);
        group.Release(member);
        member.PreviousMemberEpoch = member.MemberEpoch;
        if (revoke.Count > 0)
        {
            // Revoke first, at the same epoch; the new partitions come with the next epoch.
            member.State = MemberState.UnrevokedPartitions;
            member.Assigned = kept;
            member.PendingRevocation = revoke;
        }
        else
        {
            kept.UnionWith(added);
            member.State = unreleased ? MemberState.UnreleasedPartitions : MemberState.Stable;
            member.MemberEpoch = group.AssignmentEpoch;
            member.Assigned = kept;
            member.PendingRevocation = [];
        }

        group.Claim(member);
        return !before.SetEquals(member.Assigned);
    }
}
