namespace Kafka.Client.Testing.Broker;

// The versions from which a request or an answer has what the broker's handlers check for, named; each lies inside
// its row of BrokerApiVersions (BrokerApiVersionsTests checks it).

/// <summary>Produce versions the broker checks for.</summary>
internal static class ProduceVersions
{
    /// <summary>A NOT_LEADER_OR_FOLLOWER answer carries the current leader (KIP-951).</summary>
    public const short CurrentLeader = 10;
}

/// <summary>Fetch versions the broker checks for.</summary>
internal static class FetchVersions
{
    /// <summary>Incremental fetch sessions (KIP-227).</summary>
    public const short Sessions = 7;

    /// <summary>NOT_LEADER_OR_FOLLOWER and FENCED_LEADER_EPOCH answers carry the current leader.</summary>
    public const short CurrentLeader = 12;

    /// <summary>Topics by id instead of name (KIP-516).</summary>
    public const short TopicIds = 13;
}

/// <summary>ListOffsets versions the broker checks for.</summary>
internal static class ListOffsetsVersions
{
    /// <summary>The request's current leader epoch is checked, and the answer has the leader epoch (KIP-320).</summary>
    public const short LeaderEpoch = 4;
}

/// <summary>Metadata versions the broker checks for.</summary>
internal static class MetadataVersions
{
    /// <summary>The request says whether asking about a topic may create it.</summary>
    public const short AllowAutoTopicCreation = 4;
}

/// <summary>FindCoordinator versions the broker checks for.</summary>
internal static class FindCoordinatorVersions
{
    /// <summary>The answer has an error message.</summary>
    public const short ErrorMessage = 1;

    /// <summary>Several keys per request, one answer per key (KIP-699).</summary>
    public const short BatchedKeys = 4;
}

/// <summary>JoinGroup versions the broker checks for.</summary>
internal static class JoinGroupVersions
{
    /// <summary>A first join without a member id is answered MEMBER_ID_REQUIRED with the id to rejoin with (KIP-394).</summary>
    public const short MemberIdRequired = 4;

    /// <summary>Members carry their group instance id (KIP-345).</summary>
    public const short InstanceIds = 5;

    /// <summary>The answer carries the protocol type, and the protocol name may be null.</summary>
    public const short ProtocolType = 7;

    /// <summary>A static leader rejoining a stable group is told to skip the assignment.</summary>
    public const short SkipAssignment = 9;
}

/// <summary>LeaveGroup versions the broker checks for.</summary>
internal static class LeaveGroupVersions
{
    /// <summary>A batch of members with instance ids, one answer per member (KIP-345).</summary>
    public const short Members = 3;
}

/// <summary>SyncGroup versions the broker checks for.</summary>
internal static class SyncGroupVersions
{
    /// <summary>Protocol type and name are required in the request and answered.</summary>
    public const short ProtocolTypeAndName = 5;
}

/// <summary>DescribeGroups versions the broker checks for.</summary>
internal static class DescribeGroupsVersions
{
    /// <summary>Authorized operations on request.</summary>
    public const short AuthorizedOperations = 3;

    /// <summary>Members carry their group instance id.</summary>
    public const short InstanceIds = 4;
}

/// <summary>ListGroups versions the broker checks for.</summary>
internal static class ListGroupsVersions
{
    /// <summary>Groups filtered by state, and each group's state (KIP-518).</summary>
    public const short States = 4;

    /// <summary>Groups filtered by type, and each group's type (KIP-848).</summary>
    public const short Types = 5;
}

/// <summary>OffsetCommit versions the broker checks for.</summary>
internal static class OffsetCommitVersions
{
    /// <summary>A commit with a generation for an unknown group is GROUP_ID_NOT_FOUND, no longer ILLEGAL_GENERATION (KIP-848).</summary>
    public const short GroupIdNotFound = 9;
}

/// <summary>OffsetFetch versions the broker checks for.</summary>
internal static class OffsetFetchVersions
{
    /// <summary>A consumer-protocol member gives its member id and epoch, checked as OffsetCommit v9 does (KIP-848).</summary>
    public const short MemberEpoch = 9;

    /// <summary>Null topics means all of the group's, and the answer has a top-level error.</summary>
    public const short AllTopics = 2;

    /// <summary>The answer has the committed leader epoch.</summary>
    public const short LeaderEpoch = 5;

    /// <summary>Several groups per request (KIP-709).</summary>
    public const short Groups = 8;
}

/// <summary>ConsumerGroupHeartbeat versions the broker checks for.</summary>
internal static class ConsumerGroupHeartbeatVersions
{
    /// <summary>The client generates its member id and sends it from the first heartbeat (KIP-1082).</summary>
    public const short ClientMemberId = 1;
}
