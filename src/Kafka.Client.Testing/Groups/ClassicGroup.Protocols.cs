using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Groups;

/// <summary>Protocol selection and the consumer subscriptions the group knows of.</summary>
internal sealed partial class ClassicGroup
{
    /// <summary>The embedded protocol type of consumers (ConsumerProtocol.PROTOCOL_TYPE).</summary>
    public const string ConsumerProtocolType = "consumer";

    private readonly Dictionary<string, int> _protocolCounts = new(StringComparer.Ordinal);

    /// <summary>The topics the members subscribe to, or null when unknown (not a consumer group, or unparsable metadata).</summary>
    public IReadOnlySet<string>? SubscribedTopics { get; private set; }

    public bool UsesConsumerProtocol => ProtocolType == ConsumerProtocolType;

    /// <summary>
    /// Whether a joining member fits: an empty group takes any non-empty protocol type and list; otherwise the type
    /// must match and one of the protocols must be supported by every member (ClassicGroup.supportsProtocols).
    /// </summary>
    public bool SupportsProtocols(string protocolType, IReadOnlyList<GroupProtocol> protocols)
    {
        if (State == GroupState.Empty)
        {
            return protocolType.Length > 0 && protocols.Count > 0;
        }

        return ProtocolType == protocolType && protocols.Any(p => _protocolCounts.GetValueOrDefault(p.Name) == _members.Count);
    }

    /// <summary>
    /// The protocol all members support that gets the most votes, each member voting for its most preferred one
    /// (ClassicGroup.selectProtocol). A tie goes to the protocol voted for first, in member order.
    /// </summary>
    public string SelectProtocol()
    {
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, count) in _protocolCounts)
        {
            if (count == _members.Count)
            {
                candidates.Add(name);
            }
        }

        var votes = new List<(string Protocol, int Votes)>();
        foreach (GroupMember member in _members.Values)
        {
            string vote = member.Vote(candidates);
            int index = votes.FindIndex(v => v.Protocol == vote);
            if (index < 0)
            {
                votes.Add((vote, 1));
            }
            else
            {
                votes[index] = (vote, votes[index].Votes + 1);
            }
        }

        (string Protocol, int Votes) best = votes[0];
        foreach ((string Protocol, int Votes) v in votes)
        {
            if (v.Votes > best.Votes)
            {
                best = v;
            }
        }

        return best.Protocol;
    }

    /// <summary>
    /// Whether the group consumes <paramref name="topic"/>; when it does not know, a consumer group is assumed to
    /// (ClassicGroup.isSubscribedToTopic), so OffsetDelete stays safe.
    /// </summary>
    public bool IsSubscribedToTopic(string topic) => SubscribedTopics?.Contains(topic) ?? UsesConsumerProtocol;

    /// <summary>
    /// The union of the members' subscribed topics, read from each member's metadata for the chosen protocol as
    /// int16 version + ConsumerProtocolSubscription v0 (every version starts with the v0 fields), as
    /// ClassicGroup.computeSubscribedTopics does.
    /// </summary>
    private IReadOnlySet<string>? ComputeSubscribedTopics()
    {
        if (!UsesConsumerProtocol)
        {
            return null;
        }

        var topics = new HashSet<string>(StringComparer.Ordinal);
        if (_members.Count == 0)
        {
            return topics;
        }

        if (ProtocolName is null)
        {
            return null;
        }

        try
        {
            foreach (GroupMember member in _members.Values)
            {
                var reader = new KafkaReader(member.Metadata(ProtocolName).AsSpan());
                reader.ReadInt16("ConsumerProtocol.Version");
                topics.UnionWith(ConsumerProtocolSubscription.Read(ref reader, 0).Topics);
            }
        }
        catch (KafkaProtocolException)
        {
            return null;
        }

        return topics;
    }

    private void IncrementProtocols(GroupMember member)
    {
        foreach (GroupProtocol p in member.Protocols)
        {
            _protocolCounts[p.Name] = _protocolCounts.GetValueOrDefault(p.Name) + 1;
        }
    }

    private void DecrementProtocols(GroupMember member)
    {
        foreach (GroupProtocol p in member.Protocols)
        {
            _protocolCounts[p.Name] = _protocolCounts.GetValueOrDefault(p.Name) - 1;
        }
    }
}
