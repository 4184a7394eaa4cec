using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

public class ApiVersionsTests : BrokerTestBase
{
    [Test]
    public async Task ApiVersions_advertises_the_served_apis_up_to_the_codecs_highest_stable_version()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var response = await connection.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = "test", ClientSoftwareVersion = "1" }, 3);
        Assert.That(Error(response.ErrorCode), Is.EqualTo(ErrorCode.None));
        var produce = response.ApiKeys.Single(k => k.ApiKey == (short)ApiKey.Produce);
        Assert.That(produce.MinVersion, Is.EqualTo(3));
        Assert.That(produce.MaxVersion, Is.EqualTo(KafkaApis.HighestStableVersion(ApiKey.Produce)));
        Assert.That(response.ApiKeys.Select(k => (ApiKey)k.ApiKey), Is.SupersetOf(new[]
        {
            ApiKey.Produce, ApiKey.Fetch, ApiKey.ListOffsets, ApiKey.Metadata, ApiKey.CreateTopics, ApiKey.DeleteTopics,
            ApiKey.InitProducerId, ApiKey.DescribeConfigs, ApiKey.IncrementalAlterConfigs, ApiKey.DescribeCluster,
        }));
    }

    [Test]
    public async Task An_ApiVersions_version_the_broker_does_not_know_gets_a_v0_answer_with_UnsupportedVersion()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        // Hand-written ApiVersions v99 request: header v2 (flexible), empty body with tag section.
        byte[] frame = [0, 0, 0, 17, 0, 18, 0, 99, 0, 0, 0, 7, 0, 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0, 0, 0];
        frame[3] = (byte)(frame.Length - 4);
        await connection.Stream.WriteAsync(frame);
        var response = await connection.ReadAsync<ApiVersionsResponse>(ApiKey.ApiVersions, 0, 7);
        Assert.That(Error(response.ErrorCode), Is.EqualTo(ErrorCode.UnsupportedVersion));
        Assert.That(response.ApiKeys, Is.Not.Empty);
    }

    [Test]
    public async Task A_removed_Produce_version_closes_the_connection_as_Kafka_4_does()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        await connection.WriteAsync(new ProduceRequest { Acks = 1 }, 2);
        Assert.That(await connection.IsClosedByBrokerAsync(TimeSpan.FromSeconds(10)), Is.True);
    }
}
