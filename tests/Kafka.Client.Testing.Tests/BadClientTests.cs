using System.Net.Sockets;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

/// <summary>Malformed, oversized and half-sent frames close only the offending connection.</summary>
public class BadClientTests : BrokerTestBase
{
    protected override EmbeddedKafkaClusterOptions Options => new() { Brokers = 1 };

    private async Task AssertBrokerStillServesAsync()
    {
        await using RawConnection healthy = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var response = await healthy.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest(), 0)
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(Error(response.ErrorCode), Is.EqualTo(ErrorCode.None));
    }

    [Test]
    public async Task Garbage_bytes_close_that_connection_and_the_broker_carries_on()
    {
        await using RawConnection bad = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        byte[] garbage = new byte[64];
        new Random(42).NextBytes(garbage);
        garbage[0] = 0;
        garbage[1] = 0;
        garbage[2] = 0;
        garbage[3] = 60;
        await bad.Stream.WriteAsync(garbage);
        Assert.That(await bad.IsClosedByBrokerAsync(TimeSpan.FromSeconds(10)), Is.True);
        await AssertBrokerStillServesAsync();
    }

    [Test]
    public async Task A_two_gigabyte_length_prefix_closes_the_connection_without_allocating_it()
    {
        await using RawConnection bad = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        long before = GC.GetTotalMemory(forceFullCollection: false);
        await bad.Stream.WriteAsync(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF, 0, 18, 0, 0 });
        Assert.That(await bad.IsClosedByBrokerAsync(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(GC.GetTotalMemory(forceFullCollection: false) - before, Is.LessThan(512L * 1024 * 1024));
        await AssertBrokerStillServesAsync();
    }

    [Test]
    public async Task A_half_sent_frame_does_not_block_other_connections()
    {
        await using RawConnection slow = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        await slow.Stream.WriteAsync(new byte[] { 0, 0, 1, 0, 0, 18, 0 });
        await AssertBrokerStillServesAsync();
        Assert.That(await slow.IsClosedByBrokerAsync(TimeSpan.FromMilliseconds(200)), Is.False, "the broker waits for the rest");
    }

    [Test]
    public async Task An_unknown_api_key_closes_the_connection()
    {
        await using RawConnection bad = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        await bad.Stream.WriteAsync(new byte[] { 0, 0, 0, 10, 0x7F, 0x00, 0, 0, 0, 0, 0, 1, 0, 0 });
        Assert.That(await bad.IsClosedByBrokerAsync(TimeSpan.FromSeconds(10)), Is.True);
        await AssertBrokerStillServesAsync();
    }

    [Test]
    public async Task A_client_that_disconnects_mid_request_does_not_harm_the_broker()
    {
        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", Cluster.PortOf(Cluster.BrokerIds[0]));
            await client.GetStream().WriteAsync(new byte[] { 0, 0, 0, 50, 0, 3 });
        }

        await AssertBrokerStillServesAsync();
    }
}
