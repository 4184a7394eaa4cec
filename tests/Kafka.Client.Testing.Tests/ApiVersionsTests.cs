using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Tests;

public class ApiVersionsTests : BrokerTestBase
{
    [Test]
    public async Task ApiVersions_advertises_exactly_the_rows_of_the_version_table()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var response = await connection.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = "test", ClientSoftwareVersion = "1" }, 3);
        Assert.That(Error(response.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(response.ApiKeys.Select(k => ((ApiKey)k.ApiKey, k.MinVersion, k.MaxVersion)),
            Is.EquivalentTo(BrokerApiVersions.Rows.Select(r => (r.Api, r.Min, r.Max))));
        var produce = response.ApiKeys.Single(k => k.ApiKey == (short)ApiKey.Produce);
        Assert.That((produce.MinVersion, produce.MaxVersion), Is.EqualTo(((short)3, (short)11)));
    }

    [Test]
    public async Task An_older_broker_is_the_table_with_its_caps_and_an_api_capped_below_its_oldest_version_is_gone()
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 1 };
        options.MaxApiVersions[ApiKey.Fetch] = 11;
        options.MaxApiVersions[ApiKey.OffsetCommit] = 1; // below the oldest served (2): not offered at all
        await using EmbeddedKafkaCluster cluster = await EmbeddedKafkaCluster.StartAsync(options);
        await using RawConnection connection = await RawConnection.ConnectAsync(cluster, cluster.BrokerIds[0]);
        var response = await connection.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = "test", ClientSoftwareVersion = "1" }, 3);

        var fetch = response.ApiKeys.Single(k => k.ApiKey == (short)ApiKey.Fetch);
        Assert.That((fetch.MinVersion, fetch.MaxVersion), Is.EqualTo((BrokerApiVersions.Find(ApiKey.Fetch)!.Min, (short)11)));
        Assert.That(response.ApiKeys.Select(k => (ApiKey)k.ApiKey), Does.Not.Contain(ApiKey.OffsetCommit));
        Assert.That(response.ApiKeys, Has.Count.EqualTo(BrokerApiVersions.Rows.Count - 1));
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
