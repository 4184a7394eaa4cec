using Kafka.Client.Consuming.Assignment;
namespace Kafka.Client;

/// <summary>
/// The <c>sticky</c> assignor (Java's <c>org.apache.kafka.clients.consumer.StickyAssignor</c>), eager protocol: the
/// assignment is balanced (partition counts of members with the same subscriptions differ by at most one) and,
/// within that, keeps as many partitions with their previous owners as possible.
/// </summary>
/// <remarks>
/// <para>Eager members give up all partitions before they rejoin, so the previous assignment travels in the user
/// data, in the layout Java's <c>StickyAssignor</c> writes (previous partitions and generation); Java members and
/// this client interoperate. A subscription without user data falls back to its owned partitions and generation.
/// When two members claim a partition, the one with the higher generation keeps it; a tie at the highest generation
/// means neither does.</para>
/// <para>The assignor remembers the last assignment it received (<see cref="OnAssignment"/>), so each consumer
/// needs its own instance. Rack-aware assignment (KIP-881) is not done: the assignor sees partition counts, not
/// replica racks.</para>
/// </remarks>
public sealed class StickyAssignor : IPartitionAssignor
{
    private readonly Lock _sync = new();
    private IReadOnlyList<TopicPartition>? _lastAssignment;
    private int _lastGeneration = StickyAssignment.DefaultGeneration;

    /// <summary>The protocol name, <c>sticky</c>.</summary>
    public string Name => "sticky";

    /// <summary>Always <see cref="RebalanceProtocol.Eager"/>.</summary>
    public RebalanceProtocol Protocol => RebalanceProtocol.Eager;

    /// <summary>
    /// The previous assignment and its generation in Java's <c>StickyAssignor</c> user data layout: the partitions
    /// passed in when there are any, else the last assignment received, else nothing (a member that never had one).
    /// </summary>
    /// <param name="topics">The subscribed topics (not used).</param>
    /// <param name="ownedPartitions">The partitions the member owns now; empty for an eager member that revoked them.</param>
    /// <param name="generationId">The generation in which it owns them.</param>
    public ReadOnlyMemory<byte> GetSubscriptionUserData(
        IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> ownedPartitions, int generationId)
    {
        ArgumentNullException.ThrowIfNull(ownedPartitions);
        if (ownedPartitions.Count > 0)
        {
            return StickyUserData.EncodeSticky(ownedPartitions, generationId);
        }

        lock (_sync)
        {
            return _lastAssignment is null ? default : StickyUserData.EncodeSticky(_lastAssignment, _lastGeneration);
        }
    }

    /// <summary>Remembers the assignment and generation for the next subscription's user data.</summary>
    /// <param name="assignment">The member's assignment.</param>
    /// <param name="generationId">The generation the assignment belongs to.</param>
    public void OnAssignment(MemberAssignment assignment, int generationId)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        lock (_sync)
        {
            _lastAssignment = [.. assignment.Partitions];
            _lastGeneration = generationId;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, MemberAssignment> Assign(GroupAssignmentContext context)
    {
        var input = new AssignmentInput(context);
        return AssignmentInput.ToResult(StickyAssignment.Assign(input, ReadClaim, out _));
    }

    // Java's StickyAssignor.memberData reads only the user data; the owned partitions are a fallback for members that
    // send them without user data.
    private static StickyMemberData ReadClaim(GroupMemberSubscription member)
    {
        if (!member.UserData.IsEmpty)
        {
            return StickyUserData.DecodeSticky(member.UserData.Span);
        }

        if (member.OwnedPartitions.Count > 0)
        {
            return new StickyMemberData(member.OwnedPartitions, member.GenerationId >= 0 ? member.GenerationId : null);
        }

        return new StickyMemberData([], null);
    }
}
