namespace Kafka.Client.Network;

// The versions from which an API has what the client checks for, named; each lies inside its row of
// ClientApiVersions (ClientApiVersionsTests checks it). Versions the client needs in every request are the rows' Min.

/// <summary>Metadata versions the client checks for.</summary>
internal static class MetadataVersions
{
    /// <summary>The request says whether asking about a topic may create it; before, the broker's config decides.</summary>
    public const short AllowAutoTopicCreation = 4;
}

/// <summary>FindCoordinator versions the client checks for.</summary>
internal static class FindCoordinatorVersions
{
    /// <summary>Several keys per request and one answer per key (KIP-699).</summary>
    public const short BatchedKeys = 4;
}

/// <summary>LeaveGroup versions the client checks for.</summary>
internal static class LeaveGroupVersions
{
    /// <summary>A list of leaving members with their instance ids (KIP-345).</summary>
    public const short Members = 3;
}

/// <summary>OffsetFetch versions the client checks for.</summary>
internal static class OffsetFetchVersions
{
    /// <summary>The broker waits for pending transactional offsets (KIP-447).</summary>
    public const short RequireStable = 7;

    /// <summary>Several groups per request, each with its own error (KIP-709).</summary>
    public const short Groups = 8;
}

/// <summary>ListOffsets versions the client checks for.</summary>
internal static class ListOffsetsVersions
{
    /// <summary>The offset of the record with the largest timestamp (KIP-734).</summary>
    public const short MaxTimestamp = 7;
}

/// <summary>ListGroups versions the client checks for.</summary>
internal static class ListGroupsVersions
{
    /// <summary>Groups filtered by state (KIP-518).</summary>
    public const short StatesFilter = 4;
}

/// <summary>DeleteTopics versions the client checks for.</summary>
internal static class DeleteTopicsVersions
{
    /// <summary>Topics as structs with a name or id, instead of a list of names.</summary>
    public const short TopicStructs = 6;
}

/// <summary>InitProducerId versions the client checks for.</summary>
internal static class InitProducerIdVersions
{
    /// <summary>The current producer id and epoch are sent, so the broker bumps the epoch (KIP-360).</summary>
    public const short EpochBump = 3;
}
