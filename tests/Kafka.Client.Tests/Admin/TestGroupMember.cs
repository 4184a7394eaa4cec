using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kafka.Client.Tests.Admin;

/// <summary>
/// A consumer group member speaking the classic protocol itself (JoinGroup, SyncGroup with the assignment it is
/// told, LeaveGroup), so tests know exactly what a group looks like. Its session is long: no heartbeats needed.
/// </summary>
internal sealed class TestGroupMember : IAsyncDisposable
{
    private readonly KafkaConnection _connection;
    private readonly string _groupId;

    private TestGroupMember(KafkaConnection connection, string groupId, string memberId, string? instanceId)
    {
        _connection = connection;
        _groupId = groupId;
        MemberId = memberId;
        InstanceId = instanceId;
    }

    public string MemberId { get; }

    public string? InstanceId { get; }

    /// <summary>Joins <paramref name="groupId"/> alone (so it leads), subscribed to the assigned topics, and assigns itself <paramref name="assignment"/>.</summary>
    public static async Task<TestGroupMember> JoinAsync(
        EmbeddedKafkaCluster cluster, string groupId, IReadOnlyList<TopicPartition> assignment, string clientId = "test-member", string? instanceId = null, string assignor = "range")
    {
        int coordinator = cluster.CoordinatorOf(groupId);
        var settings = new ConnectionSettings(clientId, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 10);
        KafkaConnection connection = await KafkaConnection.ConnectAsync(new BrokerAddress("127.0.0.1", cluster.PortOf(coordinator)), coordinator, settings, NullLogger.Instance, CancellationToken.None);
        var join = new JoinGroupRequest
        {
            GroupId = groupId,
            GroupInstanceId = instanceId,
            SessionTimeoutMs = 60_000,
            RebalanceTimeoutMs = 60_000,
            ProtocolType = "consumer",
            Protocols = [new JoinGroupRequest.JoinGroupRequestProtocol { Name = assignor, Metadata = Subscription([.. assignment.Select(p => p.Topic).Distinct()]) }],
        };
        JoinGroupResponse joined = await connection.SendAsync<JoinGroupResponse>(join, CancellationToken.None);
        if ((ErrorCode)joined.ErrorCode == ErrorCode.MemberIdRequired)
        {
            join.MemberId = joined.MemberId;
            joined = await connection.SendAsync<JoinGroupResponse>(join, CancellationToken.None);
        }

        Assert.That((ErrorCode)joined.ErrorCode, Is.EqualTo(ErrorCode.None), "JoinGroup");
        SyncGroupResponse synced = await connection.SendAsync<SyncGroupResponse>(new SyncGroupRequest
        {
            GroupId = groupId,
            GenerationId = joined.GenerationId,
            MemberId = joined.MemberId,
            GroupInstanceId = instanceId,
            ProtocolType = "consumer",
            ProtocolName = joined.ProtocolName,
            Assignments = [new SyncGroupRequest.SyncGroupRequestAssignment { MemberId = joined.MemberId, Assignment = Assignment(assignment) }],
        }, CancellationToken.None);
        Assert.That((ErrorCode)synced.ErrorCode, Is.EqualTo(ErrorCode.None), "SyncGroup");
        return new TestGroupMember(connection, groupId, joined.MemberId, instanceId);
    }

    /// <summary>Leaves the group, which becomes Empty when this was its only member.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsOpen)
        {
            await _connection.SendAsync<LeaveGroupResponse>(new LeaveGroupRequest
            {
                GroupId = _groupId,
                Members = [new LeaveGroupRequest.MemberIdentity { MemberId = MemberId, GroupInstanceId = InstanceId }],
            }, CancellationToken.None);
        }

        await _connection.DisposeAsync();
    }

    /// <summary>int16 version 3 + ConsumerProtocolSubscription v3, as the Java consumer writes it.</summary>
    private static byte[] Subscription(IReadOnlyList<string> topics) => Encode(3, (ref KafkaWriter w) => new ConsumerProtocolSubscription { Topics = [.. topics] }.Write(ref w, 3));

    /// <summary>int16 version 3 + ConsumerProtocolAssignment v3.</summary>
    private static byte[] Assignment(IReadOnlyList<TopicPartition> partitions) => Encode(3, (ref KafkaWriter w) => new ConsumerProtocolAssignment
    {
        AssignedPartitions = [.. partitions.GroupBy(p => p.Topic).Select(g => new ConsumerProtocolAssignment.TopicPartition { Topic = g.Key, Partitions = [.. g.Select(p => p.Partition)] })],
    }.Write(ref w, 3));

    private delegate void Body(ref KafkaWriter writer);

    private static byte[] Encode(short version, Body body)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new KafkaWriter(buffer);
        writer.WriteInt16(version);
        body(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
