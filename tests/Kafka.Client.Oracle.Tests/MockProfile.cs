using Kafka.Client.Protocol;

namespace Kafka.Client.Oracle.Tests;

/// <summary>
/// Which librdkafka's mock cluster, advertising which API versions: librdkafka 2.16's (the redist Confluent.Kafka
/// brings), the same with an older librdkafka's versions, or librdkafka 2.0.2's own (Debian's librdkafka1).
/// </summary>
public sealed class MockProfile
{
    private readonly Func<MockLibrary> _library;
    private readonly (ApiKey Api, short Min, short Max)[] _versions;

    private MockProfile(string name, Func<MockLibrary> library, (ApiKey, short, short)[] versions)
    {
        Name = name;
        _library = library;
        _versions = versions;
    }

    /// <summary>
    /// librdkafka 2.16's mock as it is, but for three group APIs whose newer versions it advertises and cannot parse
    /// (rdkafka_mock_handlers.c); librdkafka's own client never sends those versions (it stops at JoinGroup v5,
    /// SyncGroup v3, LeaveGroup v1), so the mock's own tests never see it. Each cap is the highest version it reads right:
    /// <list type="bullet">
    /// <item>JoinGroup v6 and SyncGroup v4 (their first flexible versions): the handlers read the protocol and assignment
    /// arrays with a fixed-width count (<c>rd_kafka_buf_read_i32</c>), so a correct request fails to parse
    /// ("JoinGroupRequest: ProtocolCnt 33976929 > max allowed 1000", "Protocol read buffer underflow for SyncGroup v4")
    /// and the broker closes the connection;</item>
    /// <item>LeaveGroup v3+: the handler reads v0's single GroupId/MemberId at every version, not v3's member array.</item>
    /// </list>
    /// </summary>
    public static MockProfile Current { get; } = new("librdkafka 2.16 mock", () => MockLibrary.Redist,
    [
        (ApiKey.JoinGroup, 0, 5),
        (ApiKey.SyncGroup, 0, 3),
        (ApiKey.LeaveGroup, 0, 2),
    ]);

    /// <summary>
    /// librdkafka 2.16's mock advertising the versions librdkafka 2.0.2's mock advertised (Debian 12's librdkafka1; rdkafka_mock_handlers.c at v2.0.2,
    /// <c>rd_kafka_mock_api_handlers</c>), where the brokers of a Kafka 1.x/2.x era cluster stand. APIs that mock did not
    /// have at all (ListGroups, DescribeGroups, CreateTopics...) keep the 2.16 mock's versions.
    /// </summary>
    public static MockProfile Librdkafka202 { get; } = new("librdkafka 2.16 mock at 2.0.2's versions", () => MockLibrary.Redist,
    [
        (ApiKey.Produce, 0, 7),
        (ApiKey.Fetch, 0, 11),
        (ApiKey.ListOffsets, 0, 5),
        (ApiKey.OffsetFetch, 0, 5),
        (ApiKey.OffsetCommit, 0, 7),
        (ApiKey.ApiVersions, 0, 2),
        (ApiKey.Metadata, 0, 2),
        (ApiKey.FindCoordinator, 0, 2),
        (ApiKey.InitProducerId, 0, 4),
        (ApiKey.JoinGroup, 0, 5),
        (ApiKey.Heartbeat, 0, 3),
        (ApiKey.LeaveGroup, 0, 1),
        (ApiKey.SyncGroup, 0, 3),
    ]);

    /// <summary>
    /// librdkafka 2.0.2's own mock (Debian 12's librdkafka1, which kcat depends on), with the versions it advertises:
    /// an older implementation of the brokers, not only older version numbers. It has no ListGroups, DescribeGroups,
    /// CreateTopics, DescribeConfigs or OffsetForLeaderEpoch. ListOffsets is capped at v3: at v4 and v5 it writes each
    /// partition's LeaderEpoch as 8 bytes instead of 4 (fixed in librdkafka 2.1.0, commit a0871a1a8, KIP-320), so every
    /// partition after the first of a response is garbage; <see cref="MisencodedResponseTests"/> shows our client refusing it.
    /// </summary>
    public static MockProfile Debian202 { get; } = new("librdkafka 2.0.2 mock (Debian librdkafka1)", () => MockLibrary.Debian, [(ApiKey.ListOffsets, 0, 3)]);

    /// <summary>Every profile, for <c>TestFixtureSource</c>.</summary>
    public static IEnumerable<MockProfile> All => [Current, Librdkafka202, Debian202];

    public string Name { get; }

    /// <summary>Starts a mock cluster advertising these versions.</summary>
    internal LibrdkafkaMockCluster Start(int brokers = 3)
    {
        var cluster = new LibrdkafkaMockCluster(_library(), brokers);
        foreach (var (api, min, max) in _versions)
        {
            cluster.SetApiVersion(api, min, max);
        }

        return cluster;
    }

    public override string ToString() => Name;
}
