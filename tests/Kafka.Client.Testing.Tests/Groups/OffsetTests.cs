using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Tests.Groups;

public class OffsetTests : GroupTestBase
{
    public static OffsetCommitRequest Commit(string group, string memberId, int generation, string topic, int partition, long offset, int leaderEpoch = -1, string? metadata = "") => new()
    {
        GroupId = group,
        MemberId = memberId,
        GenerationIdOrMemberEpoch = generation,
        Topics =
        [
            new OffsetCommitRequest.OffsetCommitRequestTopic
            {
                Name = topic,
                Partitions = [new OffsetCommitRequest.OffsetCommitRequestPartition { PartitionIndex = partition, CommittedOffset = offset, CommittedLeaderEpoch = leaderEpoch, CommittedMetadata = metadata }],
            },
        ],
    };

    private static OffsetFetchRequest FetchV7(string group, string? topic, params int[] partitions) => new()
    {
        GroupId = group,
        Topics = topic is null ? null : [new OffsetFetchRequest.OffsetFetchRequestTopic { Name = topic, PartitionIndexes = [.. partitions] }],
        RequireStable = true,
    };

    private static OffsetFetchRequest FetchV1(string group, string topic, params int[] partitions) => new()
    {
        GroupId = group,
        Topics = [new OffsetFetchRequest.OffsetFetchRequestTopic { Name = topic, PartitionIndexes = [.. partitions] }],
    };

    private static ErrorCode SingleError(OffsetCommitResponse response) => Error(response.Topics.Single().Partitions.Single().ErrorCode);

    [Test]
    public async Task A_member_commits_and_fetches_offset_leader_epoch_and_metadata()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders", partitions: 3);
        var (connection, joined) = await StableSingleMemberAsync(group);
        await using (connection)
        {
            var commit = await connection.SendAsync<OffsetCommitResponse>(Commit(group, joined.MemberId, joined.GenerationId, "orders", 1, 42, leaderEpoch: 3, metadata: "checkpoint"), 9);
            Assert.That(SingleError(commit), Is.EqualTo(ErrorCode.None));

            var fetched = await connection.SendAsync<OffsetFetchResponse>(FetchV7(group, "orders", 0, 1), 7);
            Assert.That(Error(fetched.ErrorCode), Is.EqualTo(ErrorCode.None));
            var partitions = fetched.Topics.Single().Partitions;
            Assert.That(partitions[0].CommittedOffset, Is.EqualTo(-1), "nothing committed for partition 0");
            Assert.That(partitions[1].CommittedOffset, Is.EqualTo(42));
            Assert.That(partitions[1].CommittedLeaderEpoch, Is.EqualTo(3));
            Assert.That(partitions[1].Metadata, Is.EqualTo("checkpoint"));
            Assert.That(Cluster.CommittedOffset(group, "orders", 1), Is.EqualTo(42));
        }
    }

    [Test]
    public async Task Commits_with_a_stale_generation_or_from_a_stranger_are_refused()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders");
        var (connection, joined) = await StableSingleMemberAsync(group);
        await using (connection)
        {
            var stale = await connection.SendAsync<OffsetCommitResponse>(Commit(group, joined.MemberId, joined.GenerationId + 1, "orders", 0, 1), 9);
            Assert.That(SingleError(stale), Is.EqualTo(ErrorCode.IllegalGeneration));
            var stranger = await connection.SendAsync<OffsetCommitResponse>(Commit(group, "stranger", joined.GenerationId, "orders", 0, 1), 9);
            Assert.That(SingleError(stranger), Is.EqualTo(ErrorCode.UnknownMemberId));
            var simple = await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, "orders", 0, 1), 9);
            Assert.That(SingleError(simple), Is.EqualTo(ErrorCode.UnknownMemberId), "only members commit while the group has members");
            Assert.That(Cluster.CommittedOffset(group, "orders", 0), Is.Null);
        }
    }

    [Test]
    public async Task A_simple_consumer_commits_to_an_unknown_group_which_then_exists_Empty()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders");
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        var generationWithoutGroup = await connection.SendAsync<OffsetCommitResponse>(Commit(group, "m", 3, "orders", 0, 7), 9);
        Assert.That(SingleError(generationWithoutGroup), Is.EqualTo(ErrorCode.GroupIdNotFound));
        var olderVersion = await connection.SendAsync<OffsetCommitResponse>(Commit(group, "m", 3, "orders", 0, 7), 8);
        Assert.That(SingleError(olderVersion), Is.EqualTo(ErrorCode.IllegalGeneration));

        var simple = await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, "orders", 0, 7), 2);
        Assert.That(SingleError(simple), Is.EqualTo(ErrorCode.None));
        EmbeddedGroupInfo info = Describe(group);
        Assert.That(info.State, Is.EqualTo("Empty"));
        Assert.That(info.ProtocolType, Is.EqualTo(""));
        var fetched = await connection.SendAsync<OffsetFetchResponse>(FetchV1(group, "orders", 0), 1);
        Assert.That(fetched.Topics.Single().Partitions.Single().CommittedOffset, Is.EqualTo(7));
    }

    [Test]
    public async Task Unknown_partitions_and_oversized_metadata_are_refused_per_partition()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders");
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        var unknownPartition = await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, "orders", 5, 1), 9);
        Assert.That(SingleError(unknownPartition), Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        var unknownTopic = await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, "nope", 0, 1), 9);
        Assert.That(SingleError(unknownTopic), Is.EqualTo(ErrorCode.UnknownTopicOrPartition));
        var tooLarge = await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, "orders", 0, 1, metadata: new string('x', 4097)), 9);
        Assert.That(SingleError(tooLarge), Is.EqualTo(ErrorCode.OffsetMetadataTooLarge));
    }

    [Test]
    public async Task OffsetFetch_without_topics_returns_every_committed_partition()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders", partitions: 2);
        await Cluster.CreateTopicAsync("payments");
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        foreach ((string topic, int partition, long offset) in new[] { ("payments", 0, 5L), ("orders", 1, 11L), ("orders", 0, 10L) })
        {
            await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, topic, partition, offset), 9);
        }

        var fetched = await connection.SendAsync<OffsetFetchResponse>(FetchV7(group, null), 7);
        Assert.That(
            fetched.Topics.SelectMany(t => t.Partitions.Select(p => (t.Name, p.PartitionIndex, p.CommittedOffset))),
            Is.EqualTo(new[] { ("orders", 0, 10L), ("orders", 1, 11L), ("payments", 0, 5L) }));

        var unknownGroup = await connection.SendAsync<OffsetFetchResponse>(FetchV7(NewGroup(), null), 7);
        Assert.That(unknownGroup.Topics, Is.Empty);
    }

    [Test]
    public async Task OffsetFetch_v8_answers_several_groups_at_once()
    {
        string first = NewGroup();
        string second = Enumerable.Range(0, 1000).Select(_ => NewGroup()).First(g => Cluster.CoordinatorOf(g) == Cluster.CoordinatorOf(first));
        string elsewhere = Enumerable.Range(0, 1000).Select(_ => NewGroup()).First(g => Cluster.CoordinatorOf(g) != Cluster.CoordinatorOf(first));
        await Cluster.CreateTopicAsync("orders", partitions: 2);
        await using RawConnection connection = await ConnectToCoordinatorAsync(first);
        await connection.SendAsync<OffsetCommitResponse>(Commit(first, "", -1, "orders", 0, 100), 9);
        await connection.SendAsync<OffsetCommitResponse>(Commit(second, "", -1, "orders", 1, 200), 9);

        var fetched = await connection.SendAsync<OffsetFetchResponse>(new OffsetFetchRequest
        {
            Groups =
            [
                new OffsetFetchRequest.OffsetFetchRequestGroup
                {
                    GroupId = first,
                    Topics = [new OffsetFetchRequest.OffsetFetchRequestTopics { Name = "orders", PartitionIndexes = [0, 1] }],
                },
                new OffsetFetchRequest.OffsetFetchRequestGroup { GroupId = second, Topics = null },
                new OffsetFetchRequest.OffsetFetchRequestGroup { GroupId = elsewhere, Topics = null },
            ],
        }, 8);

        Assert.That(fetched.Groups.Select(g => g.GroupId), Is.EqualTo(new[] { first, second, elsewhere }));
        Assert.That(fetched.Groups[0].Topics.Single().Partitions.Select(p => p.CommittedOffset), Is.EqualTo(new[] { 100L, -1L }));
        Assert.That(fetched.Groups[1].Topics.Single().Partitions.Single().CommittedOffset, Is.EqualTo(200));
        Assert.That(Error(fetched.Groups[2].ErrorCode), Is.EqualTo(ErrorCode.NotCoordinator));
    }

    [Test]
    public async Task The_versions_Kafka_4_removed_are_not_served()
    {
        await using RawConnection connection = await RawConnection.ConnectAsync(Cluster, Cluster.BrokerIds[0]);
        var versions = await connection.SendAsync<ApiVersionsResponse>(new ApiVersionsRequest { ClientSoftwareName = "test", ClientSoftwareVersion = "1" }, 3);
        Assert.That(versions.ApiKeys.Single(k => k.ApiKey == (short)ApiKey.OffsetCommit).MinVersion, Is.EqualTo(2));
        Assert.That(versions.ApiKeys.Single(k => k.ApiKey == (short)ApiKey.OffsetFetch).MinVersion, Is.EqualTo(1));
        Assert.That(versions.ApiKeys.Single(k => k.ApiKey == (short)ApiKey.JoinGroup).MinVersion, Is.EqualTo(0));
        await connection.WriteAsync(new OffsetCommitRequest { GroupId = "g" }, 1);
        Assert.That(await connection.IsClosedByBrokerAsync(TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public async Task OffsetDelete_refuses_topics_the_members_subscribe_to_and_deletes_the_others()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders");
        await Cluster.CreateTopicAsync("archive");
        var (connection, joined) = await StableSingleMemberAsync(group);
        await using (connection)
        {
            await connection.SendAsync<OffsetCommitResponse>(Commit(group, joined.MemberId, joined.GenerationId, "orders", 0, 1), 9);
            await connection.SendAsync<OffsetCommitResponse>(Commit(group, joined.MemberId, joined.GenerationId, "archive", 0, 2), 9);

            var deleted = await connection.SendAsync<OffsetDeleteResponse>(new OffsetDeleteRequest
            {
                GroupId = group,
                Topics =
                [
                    new OffsetDeleteRequest.OffsetDeleteRequestTopic { Name = "orders", Partitions = [new OffsetDeleteRequest.OffsetDeleteRequestPartition { PartitionIndex = 0 }] },
                    new OffsetDeleteRequest.OffsetDeleteRequestTopic
                    {
                        Name = "archive",
                        Partitions = [new OffsetDeleteRequest.OffsetDeleteRequestPartition { PartitionIndex = 0 }, new OffsetDeleteRequest.OffsetDeleteRequestPartition { PartitionIndex = 9 }],
                    },
                ],
            }, 0);
            Assert.That(Error(deleted.ErrorCode), Is.EqualTo(ErrorCode.None));
            Assert.That(
                deleted.Topics.SelectMany(t => t.Partitions.Select(p => (t.Name, p.PartitionIndex, Error(p.ErrorCode)))),
                Is.EquivalentTo(new[]
                {
                    ("orders", 0, ErrorCode.GroupSubscribedToTopic),
                    ("archive", 0, ErrorCode.None),
                    ("archive", 9, ErrorCode.UnknownTopicOrPartition),
                }));
            Assert.That(Cluster.CommittedOffset(group, "orders", 0), Is.EqualTo(1));
            Assert.That(Cluster.CommittedOffset(group, "archive", 0), Is.Null);

            var unknown = await connection.SendAsync<OffsetDeleteResponse>(new OffsetDeleteRequest { GroupId = NewGroup() }, 0);
            Assert.That(Error(unknown.ErrorCode), Is.AnyOf(ErrorCode.GroupIdNotFound, ErrorCode.NotCoordinator));
        }
    }

    [Test]
    public async Task Committed_offsets_survive_a_cluster_restart_on_the_same_data_directory()
    {
        string directory = Path.Combine(Path.GetTempPath(), "kafka-groups-" + Guid.NewGuid().ToString("N"));
        string group = NewGroup();
        try
        {
            await using (EmbeddedKafkaCluster first = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3, DataDirectory = directory }))
            {
                await first.CreateTopicAsync("orders", partitions: 2);
                await using RawConnection connection = await RawConnection.ConnectAsync(first, first.CoordinatorOf(group));
                await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, "orders", 0, 5, leaderEpoch: 2, metadata: "m0"), 9);
                await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, "orders", 1, 6), 9);
                await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, "orders", 0, 8, leaderEpoch: 3, metadata: "m1"), 9);
                await connection.SendAsync<OffsetDeleteResponse>(new OffsetDeleteRequest
                {
                    GroupId = group,
                    Topics = [new OffsetDeleteRequest.OffsetDeleteRequestTopic { Name = "orders", Partitions = [new OffsetDeleteRequest.OffsetDeleteRequestPartition { PartitionIndex = 1 }] }],
                }, 0);
            }

            await using EmbeddedKafkaCluster second = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3, DataDirectory = directory });
            Assert.That(second.ListGroups(), Does.Contain(group));
            await using RawConnection again = await RawConnection.ConnectAsync(second, second.CoordinatorOf(group));
            var fetched = await again.SendAsync<OffsetFetchResponse>(FetchV7(group, "orders", 0, 1), 7);
            var partitions = fetched.Topics.Single().Partitions;
            Assert.That((partitions[0].CommittedOffset, partitions[0].CommittedLeaderEpoch, partitions[0].Metadata), Is.EqualTo((8L, 3, "m1")));
            Assert.That(partitions[1].CommittedOffset, Is.EqualTo(-1), "the deleted offset stays deleted");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task Deleting_a_topic_deletes_its_committed_offsets()
    {
        string group = NewGroup();
        await Cluster.CreateTopicAsync("orders");
        await using RawConnection connection = await ConnectToCoordinatorAsync(group);
        await connection.SendAsync<OffsetCommitResponse>(Commit(group, "", -1, "orders", 0, 3), 9);
        Assert.That(Cluster.CommittedOffset(group, "orders", 0), Is.EqualTo(3));
        await Cluster.DeleteTopicAsync("orders");
        Assert.That(Cluster.CommittedOffset(group, "orders", 0), Is.Null);
    }
}
