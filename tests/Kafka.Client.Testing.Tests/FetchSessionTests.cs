using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

/// <summary>Incremental fetch sessions (KIP-227).</summary>
public class FetchSessionTests : BrokerTestBase
{
    protected override EmbeddedKafkaClusterOptions Options => new() { Brokers = 1 };

    [Test]
    public async Task A_session_is_created_and_incremental_fetches_list_only_changed_partitions()
    {
        string topic = NewTopic();
        await Cluster.CreateTopicAsync(topic, partitions: 2);
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        await connection.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(2)), 9);

        FetchRequest full = Fetch(topic, 0, 0);
        full.SessionId = 0;
        full.SessionEpoch = 0;
        full.Topics[0].Partitions.Add(new FetchRequest.FetchPartition { Partition = 1, FetchOffset = 0, PartitionMaxBytes = 1024 * 1024 });
        var created = await connection.SendAsync<FetchResponse>(full, 12);
        Assert.That(created.SessionId, Is.Not.Zero);
        Assert.That(created.Responses[0].Partitions, Has.Count.EqualTo(2), "a full fetch answers every partition");

        // Incremental: the client moves partition 0 forward; nothing changed on partition 1, so it is left out.
        var incremental = new FetchRequest
        {
            ReplicaId = -1, MaxWaitMs = 0, MinBytes = 1, MaxBytes = 1 << 20, SessionId = created.SessionId, SessionEpoch = 1,
            Topics = [new FetchRequest.FetchTopic { Topic = topic, Partitions = [new FetchRequest.FetchPartition { Partition = 0, FetchOffset = 2, PartitionMaxBytes = 1 << 20 }] }],
        };
        await connection.SendAsync<ProduceResponse>(Produce(topic, 0, Batches.Build(1)), 9);
        var next = await connection.SendAsync<FetchResponse>(incremental, 12);
        Assert.That(Error(next.ErrorCode), Is.EqualTo(ErrorCode.None));
        Assert.That(next.Responses.SelectMany(t => t.Partitions).Select(p => p.PartitionIndex), Is.EqualTo(new[] { 0 }));

        incremental.SessionEpoch = 5;
        var wrongEpoch = await connection.SendAsync<FetchResponse>(incremental, 12);
        Assert.That(Error(wrongEpoch.ErrorCode), Is.EqualTo(ErrorCode.InvalidFetchSessionEpoch));

        incremental.SessionId = created.SessionId + 1000;
        incremental.SessionEpoch = 1;
        var unknown = await connection.SendAsync<FetchResponse>(incremental, 12);
        Assert.That(Error(unknown.ErrorCode), Is.EqualTo(ErrorCode.FetchSessionIdNotFound));
    }
}
