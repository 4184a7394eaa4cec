namespace Kafka.Client.Consuming.Assignment;

/// <summary>
/// What <c>sticky</c> and <c>cooperative-sticky</c> share (Java's <c>AbstractStickyAssignor</c>): read every
/// member's claim on partitions, settle conflicting claims, then run the constrained algorithm when all members
/// subscribe to the same topics and the general one otherwise.
/// </summary>
internal static class StickyAssignment
{
    /// <summary>The generation of a member that sent none (Java's <c>DEFAULT_GENERATION</c>).</summary>
    public const int DefaultGeneration = -1;

    /// <summary>Assigns every existing subscribed partition to exactly one subscriber, keeping owners where balance allows.</summary>
    /// <param name="input">The group.</param>
    /// <param name="readClaim">Reads a member's claim from its subscription (the two assignors read different fields).</param>
    /// <param name="partitionsTransferringOwnership">
    /// The partitions given to a member other than their owner, when the constrained algorithm ran; null after the
    /// general one (the caller then computes them from the owned partitions, as Java's cooperative assignor does).
    /// </param>
    public static Dictionary<string, List<TopicPartition>> Assign(
        AssignmentInput input,
        Func<GroupMemberSubscription, StickyMemberData> readClaim,
        out Dictionary<TopicPartition, string>? partitionsTransferringOwnership)
    {
        if (input.Members.Count == 0)
        {
            partitionsTransferringOwnership = [];
            return [];
        }

        var claims = new Dictionary<string, StickyMemberData>(input.Members.Count, StringComparer.Ordinal);
        int maxGeneration = DefaultGeneration;
        foreach (GroupMemberSubscription member in input.Members)
        {
            StickyMemberData claim = readClaim(member);
            claims.Add(member.MemberId, claim);
            maxGeneration = Math.Max(maxGeneration, claim.Generation ?? DefaultGeneration);
        }

        Dictionary<string, List<TopicPartition>> owned = SettleClaims(input, claims, out HashSet<TopicPartition> multipleOwners);
        if (AllSubscriptionsEqual(input.Members))
        {
            var constrained = new ConstrainedStickyAssignment(input, owned, multipleOwners);
            Dictionary<string, List<TopicPartition>> assignment = constrained.Build();
            partitionsTransferringOwnership = constrained.PartitionsTransferringOwnership;
            return assignment;
        }

        partitionsTransferringOwnership = null;
        return new GeneralStickyAssignment(input, owned, claims, maxGeneration).Build();
    }

    /// <summary>
    /// Each existing partition that some members claim goes to the claimant with the highest generation; when several
    /// share the highest generation, none keeps it (it is in <paramref name="multipleOwners"/>).
    /// </summary>
    /// <remarks>
    /// Java's <c>allSubscriptionsEqual</c> compares each claim with the last accepted one, so with three claimants
    /// the outcome depends on hash map order; here the highest generation always wins, and a tie at the highest
    /// generation invalidates the claim, which is also what librdkafka does. Java also keeps claims on partition
    /// numbers the topic no longer has; they are dropped here.
    /// </remarks>
    private static Dictionary<string, List<TopicPartition>> SettleClaims(
        AssignmentInput input,
        Dictionary<string, StickyMemberData> claims,
        out HashSet<TopicPartition> multipleOwners)
    {
        var winners = new Dictionary<TopicPartition, (string Member, int Generation, bool Tied)>();
        foreach ((string memberId, StickyMemberData claim) in claims)
        {
            int generation = claim.Generation ?? DefaultGeneration;
            foreach (TopicPartition partition in claim.Partitions)
            {
                if (!input.Exists(partition))
                {
                    continue;
                }

                if (!winners.TryGetValue(partition, out (string Member, int Generation, bool Tied) best) || generation > best.Generation)
                {
                    winners[partition] = (memberId, generation, false);
                }
                else if (generation == best.Generation && best.Member != memberId)
                {
                    winners[partition] = best with { Tied = true };
                }
            }
        }

        multipleOwners = [];
        var owned = new Dictionary<string, List<TopicPartition>>(claims.Count, StringComparer.Ordinal);
        foreach ((string memberId, StickyMemberData claim) in claims)
        {
            var partitions = new List<TopicPartition>();
            var kept = new HashSet<TopicPartition>();
            foreach (TopicPartition partition in claim.Partitions)
            {
                if (winners.TryGetValue(partition, out (string Member, int Generation, bool Tied) winner) && winner.Member == memberId)
                {
                    if (winner.Tied)
                    {
                        multipleOwners.Add(partition);
                    }
                    else if (kept.Add(partition))
                    {
                        partitions.Add(partition);
                    }
                }
            }

            owned.Add(memberId, partitions);
        }

        return owned;
    }

    private static bool AllSubscriptionsEqual(IReadOnlyList<GroupMemberSubscription> members)
    {
        var first = new HashSet<string>(members[0].Topics, StringComparer.Ordinal);
        for (int i = 1; i < members.Count; i++)
        {
            if (!first.SetEquals(members[i].Topics))
            {
                return false;
            }
        }

        return true;
    }
}
