using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Groups;

/// <summary>
/// One member of a classic group (Kafka's <c>ClassicGroupMember</c>). A pending JoinGroup or SyncGroup request is
/// a waiter the coordinator completes when the rebalance gets there. Guarded by the group's lock.
/// </summary>
internal sealed class GroupMember(string memberId, string? groupInstanceId, string clientId, string clientHost, string protocolType)
{
    public string MemberId { get; } = memberId;

    /// <summary>The static membership id (KIP-345), or null for a dynamic member.</summary>
    public string? GroupInstanceId { get; } = groupInstanceId;

    public string ClientId { get; } = clientId;

    public string ClientHost { get; } = clientHost;

    public string ProtocolType { get; } = protocolType;

    public int RebalanceTimeoutMs { get; set; }

    public int SessionTimeoutMs { get; set; }

    /// <summary>The supported protocols in the member's order of preference.</summary>
    public IReadOnlyList<GroupProtocol> Protocols { get; set; } = [];

    /// <summary>The assignment the leader gave this member in the current generation.</summary>
    public byte[] Assignment { get; set; } = [];

    /// <summary>The member's JoinGroup request waiting for the join phase to end, if any.</summary>
    public TaskCompletionSource<JoinGroupResponse>? JoinWaiter { get; set; }

    /// <summary>The member's SyncGroup request waiting for the leader's assignment, if any.</summary>
    public TaskCompletionSource<SyncGroupResponse>? SyncWaiter { get; set; }

    /// <summary>A member that joined and has not yet received its first JoinGroup answer.</summary>
    public bool IsNew { get; set; }

    public bool IsStatic => GroupInstanceId is not null;

    public bool IsAwaitingJoin => JoinWaiter is not null;

    public bool IsAwaitingSync => SyncWaiter is not null;

    /// <summary>
    /// Whether the member counts as alive when its session timer fires: members waiting in a rebalance do, new
    /// members never (ClassicGroupMember.hasSatisfiedHeartbeat).
    /// </summary>
    public bool HasSatisfiedHeartbeat => !IsNew && (IsAwaitingJoin || IsAwaitingSync);

    /// <summary>The metadata of <paramref name="protocol"/>, or empty when the member does not support it.</summary>
    public byte[] Metadata(string protocol)
    {
        foreach (GroupProtocol p in Protocols)
        {
            if (p.Name == protocol)
            {
                return p.Metadata;
            }
        }

        return [];
    }

    /// <summary>True when <paramref name="protocols"/> are the member's protocols with the same metadata, in the same order.</summary>
    public bool Matches(IReadOnlyList<GroupProtocol> protocols)
    {
        if (protocols.Count != Protocols.Count)
        {
            return false;
        }

        for (int i = 0; i < protocols.Count; i++)
        {
            if (protocols[i].Name != Protocols[i].Name || !protocols[i].Metadata.AsSpan().SequenceEqual(Protocols[i].Metadata))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The member's vote: its most preferred protocol among <paramref name="candidates"/> (ClassicGroupMember.vote).</summary>
    public string Vote(IReadOnlySet<string> candidates)
    {
        foreach (GroupProtocol p in Protocols)
        {
            if (candidates.Contains(p.Name))
            {
                return p.Name;
            }
        }

        throw new InvalidOperationException($"Member {MemberId} supports none of the candidate protocols.");
    }
}
