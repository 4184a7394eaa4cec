using Kafka.Client.Protocol;

namespace Kafka.Client.Oracle.Tests;

/// <summary>The API versions the mock cluster advertises: its own (librdkafka 2.16) or those of an older librdkafka.</summary>
public sealed class MockProfile
{
    private readonly (ApiKey Api, short Min, short Max)[] _versions;

    private MockProfile(string name, (ApiKey, short, short)[] versions)
    {
        Name = name;
        _versions = versions;
    }

    /// <summary>librdkafka 2.16's mock as it is.</summary>
    public static MockProfile Current { get; } = new("librdkafka 2.16 mock", []);

    /// <summary>
    /// The versions librdkafka 2.0.2's mock advertised (Debian 12's librdkafka1; rdkafka_mock_handlers.c at v2.0.2,
    /// <c>rd_kafka_mock_api_handlers</c>), where the brokers of a Kafka 1.x/2.x era cluster stand. APIs that mock did not
    /// have at all (ListGroups, DescribeGroups, CreateTopics...) keep the 2.16 mock's versions.
    /// </summary>
    public static MockProfile Librdkafka202 { get; } = new("librdkafka 2.0.2 mock versions",
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

    /// <summary>Both, for <c>TestFixtureSource</c>.</summary>
    public static IEnumerable<MockProfile> All => [Current, Librdkafka202];

    public string Name { get; }

    /// <summary>Starts a mock cluster advertising these versions.</summary>
    internal LibrdkafkaMockCluster Start(int brokers = 3)
    {
        var cluster = new LibrdkafkaMockCluster(brokers);
        foreach (var (api, min, max) in _versions)
        {
            cluster.SetApiVersion(api, min, max);
        }

        return cluster;
    }

    public override string ToString() => Name;
}
