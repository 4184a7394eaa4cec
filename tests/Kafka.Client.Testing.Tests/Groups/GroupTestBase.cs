using System.Diagnostics;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups;

/// <summary>
/// A 3-broker cluster that allows short session timeouts, and helpers that speak the classic group protocol over
/// raw connections to the group's coordinator. A connection answers one request at a time, so every member that
/// waits in a JoinGroup or SyncGroup uses its own connection.
/// </summary>
public abstract class GroupTestBase : BrokerTestBase
{
    protected const int SessionTimeoutMs = 10_000;

    protected override EmbeddedKafkaClusterOptions Options => new() { Brokers = 3, GroupMinSessionTimeoutMs = 100 };

    protected static string NewGroup() => "g-" + Guid.NewGuid().ToString("N")[..12];

    protected Task<RawConnection> ConnectToCoordinatorAsync(string groupId) =>
        RawConnection.ConnectAsync(Cluster, Cluster.CoordinatorOf(groupId));

    /// <summary>Consumer protocol metadata: int16 version 3 + ConsumerProtocolSubscription v3, as the Java consumer writes it.</summary>
    protected static byte[] Subscription(params string[] topics)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new KafkaWriter(buffer);
        writer.WriteInt16(3);
        new ConsumerProtocolSubscription { Topics = [.. topics] }.Write(ref writer, 3);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    protected static JoinGroupRequest Join(
        string groupId,
        string memberId = "",
        string? instanceId = null,
        int sessionTimeoutMs = SessionTimeoutMs,
        int rebalanceTimeoutMs = 10_000,
        params (string Name, byte[] Metadata)[] protocols) => new()
    {
        GroupId = groupId,
        MemberId = memberId,
        GroupInstanceId = instanceId,
        SessionTimeoutMs = sessionTimeoutMs,
        RebalanceTimeoutMs = rebalanceTimeoutMs,
        ProtocolType = "consumer",
        Protocols = [.. (protocols.Length > 0 ? protocols : [("range", Subscription("orders"))])
            .Select(p => new JoinGroupRequest.JoinGroupRequestProtocol { Name = p.Name, Metadata = p.Metadata })],
    };

    protected static Task<JoinGroupResponse> JoinAsync(RawConnection connection, JoinGroupRequest request, short version = 9) =>
        connection.SendAsync<JoinGroupResponse>(request, version);

    /// <summary>The KIP-394 dance: join without id, get MEMBER_ID_REQUIRED with the id, join again with it.</summary>
    protected static async Task<JoinGroupResponse> JoinNewMemberAsync(RawConnection connection, JoinGroupRequest request, short version = 9)
    {
        JoinGroupResponse first = await JoinAsync(connection, request, version);
        Assert.That(Error(first.ErrorCode), Is.EqualTo(ErrorCode.MemberIdRequired));
        request.MemberId = first.MemberId;
        return await JoinAsync(connection, request, version);
    }

    protected static Task<SyncGroupResponse> SyncAsync(
        RawConnection connection, string groupId, JoinGroupResponse joined, short version = 5, params (string MemberId, byte[] Assignment)[] assignments) =>
        connection.SendAsync<SyncGroupResponse>(new SyncGroupRequest
        {
            GroupId = groupId,
            GenerationId = joined.GenerationId,
            MemberId = joined.MemberId,
            ProtocolType = version >= 5 ? "consumer" : null,
            ProtocolName = version >= 5 ? joined.ProtocolName : null,
            Assignments = [.. assignments.Select(a => new SyncGroupRequest.SyncGroupRequestAssignment { MemberId = a.MemberId, Assignment = a.Assignment })],
        }, version);

    protected static async Task<ErrorCode> HeartbeatAsync(RawConnection connection, string groupId, JoinGroupResponse joined, int? generation = null, string? instanceId = null)
    {
        var response = await connection.SendAsync<HeartbeatResponse>(new HeartbeatRequest
        {
            GroupId = groupId,
            GenerationId = generation ?? joined.GenerationId,
            MemberId = joined.MemberId,
            GroupInstanceId = instanceId,
        }, 4);
        return Error(response.ErrorCode);
    }

    /// <summary>
    /// A single member subscribed to <paramref name="topic"/> joins (KIP-394 flow) and syncs its own assignment (opaque
    /// bytes unless given): a Stable group of one.
    /// </summary>
    protected async Task<(RawConnection Connection, JoinGroupResponse Joined)> StableSingleMemberAsync(
        string groupId, string? instanceId = null, int sessionTimeoutMs = SessionTimeoutMs, int rebalanceTimeoutMs = 10_000,
        string topic = "orders", byte[]? assignment = null)
    {
        RawConnection connection = await ConnectToCoordinatorAsync(groupId);
        JoinGroupRequest request = Join(groupId, instanceId: instanceId, sessionTimeoutMs: sessionTimeoutMs, rebalanceTimeoutMs: rebalanceTimeoutMs,
            protocols: ("range", Subscription(topic)));
        JoinGroupResponse joined = instanceId is null ? await JoinNewMemberAsync(connection, request) : await JoinAsync(connection, request);
        Assert.That(Error(joined.ErrorCode), Is.EqualTo(ErrorCode.None));
        SyncGroupResponse synced = await SyncAsync(connection, groupId, joined, assignments: (joined.MemberId, assignment ?? [1, 2, 3]));
        Assert.That(Error(synced.ErrorCode), Is.EqualTo(ErrorCode.None));
        return (connection, joined);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling, or fails after <paramref name="timeout"/>.</summary>
    protected static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }

    protected EmbeddedGroupInfo Describe(string groupId) =>
        Cluster.DescribeGroup(groupId) ?? throw new AssertionException($"Group {groupId} does not exist.");
}
