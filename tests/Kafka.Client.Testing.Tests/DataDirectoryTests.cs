using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests;

/// <summary>With a data directory, topics and data survive a restart, and a torn last batch is cut off.</summary>
public class DataDirectoryTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), "kafka-data-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private EmbeddedKafkaClusterOptions Options => new() { Brokers = 3, DataDirectory = _directory };

    private static async Task ProduceAsync(EmbeddedKafkaCluster cluster, string topic, int batches)
    {
        await using RawConnection leader = await RawConnection.ConnectAsync(cluster, cluster.DescribePartition(topic, 0).Leader);
        for (int i = 0; i < batches; i++)
        {
            var request = new ProduceRequest
            {
                Acks = -1,
                TimeoutMs = 10_000,
                TopicData = [new ProduceRequest.TopicProduceData { Name = topic, PartitionData = [new ProduceRequest.PartitionProduceData { Index = 0, Records = Batches.Build(10) }] }],
            };
            var response = await leader.SendAsync<ProduceResponse>(request, 9);
            Assert.That((ErrorCode)response.Responses[0].PartitionResponses[0].ErrorCode, Is.EqualTo(ErrorCode.None));
        }
    }

    [Test]
    public async Task A_restart_on_the_same_directory_keeps_topics_ids_configs_and_records()
    {
        string clusterId;
        EmbeddedPartitionInfo before;
        await using (var cluster = await EmbeddedKafkaCluster.StartAsync(Options))
        {
            clusterId = cluster.ClusterId;
            await cluster.CreateTopicAsync("kept", partitions: 2, replicationFactor: 3, new Dictionary<string, string> { ["retention.ms"] = "123456789" });
            await ProduceAsync(cluster, "kept", 5);
            before = cluster.DescribePartition("kept", 0);
        }

        Assert.That(Directory.Exists(Path.Combine(_directory, "kept-0")), Is.True, "one folder per partition, as Kafka lays them out");
        Assert.That(Directory.GetFiles(Path.Combine(_directory, "kept-0"), "*.log"), Has.Length.EqualTo(1));

        await using (var cluster = await EmbeddedKafkaCluster.StartAsync(Options))
        {
            Assert.That(cluster.ClusterId, Is.EqualTo(clusterId));
            Assert.That(cluster.ListTopics(), Does.Contain("kept"));
            EmbeddedPartitionInfo after = cluster.DescribePartition("kept", 0);
            Assert.That(after.LogEndOffset, Is.EqualTo(50));
            Assert.That(after.HighWatermark, Is.EqualTo(50));
            Assert.That(after.Replicas, Is.EqualTo(before.Replicas));
            Assert.That(after.LeaderEpoch, Is.GreaterThan(before.LeaderEpoch), "leader epochs go on from the log's, never back to 0");

            await using RawConnection leader = await RawConnection.ConnectAsync(cluster, after.Leader);
            var fetch = new FetchRequest
            {
                ReplicaId = -1, MaxBytes = 1 << 20, SessionEpoch = -1,
                Topics = [new FetchRequest.FetchTopic { Topic = "kept", Partitions = [new FetchRequest.FetchPartition { Partition = 0, FetchOffset = 0, PartitionMaxBytes = 1 << 20 }] }],
            };
            var fetched = await leader.SendAsync<FetchResponse>(fetch, 12);
            Assert.That(fetched.Responses[0].Partitions[0].Records!.Value.Length, Is.EqualTo(5 * Batches.Build(10).Length));

            var configs = await leader.SendAsync<DescribeConfigsResponse>(new DescribeConfigsRequest
            {
                Resources = [new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = 2, ResourceName = "kept", ConfigurationKeys = ["retention.ms"] }],
            }, 4);
            Assert.That(configs.Results[0].Configs.Single().Value, Is.EqualTo("123456789"));

            await ProduceAsync(cluster, "kept", 1);
            Assert.That(cluster.DescribePartition("kept", 0).LogEndOffset, Is.EqualTo(60), "appends continue after the recovered offsets");
        }
    }

    [Test]
    public async Task After_a_restart_new_producer_ids_do_not_collide_with_ids_in_the_log()
    {
        async Task<long> InitAndProduceAsync(EmbeddedKafkaCluster cluster)
        {
            await using RawConnection leader = await RawConnection.ConnectAsync(cluster, cluster.DescribePartition("ids", 0).Leader);
            var init = await leader.SendAsync<InitProducerIdResponse>(new InitProducerIdRequest { TransactionalId = null }, 4);
            var request = new ProduceRequest
            {
                Acks = -1,
                TimeoutMs = 10_000,
                TopicData = [new ProduceRequest.TopicProduceData { Name = "ids", PartitionData = [new ProduceRequest.PartitionProduceData { Index = 0, Records = Batches.Build(1, init.ProducerId, 0, 0) }] }],
            };
            var response = await leader.SendAsync<ProduceResponse>(request, 9);
            Assert.That((ErrorCode)response.Responses[0].PartitionResponses[0].ErrorCode, Is.EqualTo(ErrorCode.None));
            return init.ProducerId;
        }

        long first;
        await using (var cluster = await EmbeddedKafkaCluster.StartAsync(Options))
        {
            await cluster.CreateTopicAsync("ids", partitions: 1, replicationFactor: 1);
            first = await InitAndProduceAsync(cluster);
        }

        await using (var cluster = await EmbeddedKafkaCluster.StartAsync(Options))
        {
            long second = await InitAndProduceAsync(cluster);
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(cluster.DescribePartition("ids", 0).LogEndOffset, Is.EqualTo(2), "the new producer's record was written, not taken for a retry");
        }
    }

    [Test]
    public async Task A_torn_last_batch_is_truncated_on_recovery()
    {
        await using (var cluster = await EmbeddedKafkaCluster.StartAsync(Options))
        {
            await cluster.CreateTopicAsync("torn", partitions: 1, replicationFactor: 1);
            await ProduceAsync(cluster, "torn", 3);
        }

        string segment = Directory.GetFiles(Path.Combine(_directory, "torn-0"), "*.log").Single();
        long whole = new FileInfo(segment).Length;
        await using (var file = new FileStream(segment, FileMode.Append))
        {
            byte[] partial = Batches.Build(10);
            await file.WriteAsync(partial.AsMemory(0, partial.Length / 2));
        }

        await using (var cluster = await EmbeddedKafkaCluster.StartAsync(Options))
        {
            Assert.That(cluster.DescribePartition("torn", 0).LogEndOffset, Is.EqualTo(30));
            Assert.That(new FileInfo(segment).Length, Is.EqualTo(whole), "the torn tail was cut off the file");
            await ProduceAsync(cluster, "torn", 1);
            Assert.That(cluster.DescribePartition("torn", 0).LogEndOffset, Is.EqualTo(40));
        }
    }
}
