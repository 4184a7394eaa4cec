using Kafka.Client.Protocol;

namespace Kafka.Client.Tests.Admin;

/// <summary>Listing, describing and deleting consumer groups.</summary>
public class GroupAdminTests : AdminTestBase
{
    [Test]
    public async Task DescribeConsumerGroupsAsync_shows_members_with_their_decoded_assignments()
    {
        string topic = NewName("assigned"), other = NewName("other"), group = NewName("group");
        await Cluster.CreateTopicAsync(topic, partitions: 3);
        await Cluster.CreateTopicAsync(other, partitions: 1);
        TopicPartition[] assignment = [new(topic, 0), new(topic, 2), new(other, 0)];
        await using var member = await TestGroupMember.JoinAsync(Cluster, group, assignment, clientId: "billing-1", instanceId: "instance-1", assignor: "roundrobin");

        ConsumerGroupDescription description = (await Admin.DescribeConsumerGroupsAsync([group])).Single();

        Assert.That(description.Error, Is.Null);
        Assert.That(description.State, Is.EqualTo(ConsumerGroupState.Stable));
        Assert.That((description.ProtocolType, description.PartitionAssignor, description.IsSimpleConsumerGroup), Is.EqualTo(("consumer", "roundrobin", false)));
        Assert.That(description.Coordinator!.Id, Is.EqualTo(Cluster.CoordinatorOf(group)));
        MemberDescription described = description.Members.Single();
        Assert.That((described.MemberId, described.ClientId, described.GroupInstanceId), Is.EqualTo((member.MemberId, "billing-1", "instance-1")));
        Assert.That(described.Host, Does.Contain("127.0.0.1"));
        Assert.That(described.Assignment.Partitions, Is.EquivalentTo(assignment));
    }

    [Test]
    public async Task Describing_an_unknown_group_reports_it_Dead_and_does_not_hide_the_others()
    {
        string topic = NewName("topic"), group = NewName("group"), unknown = NewName("unknown");
        await Cluster.CreateTopicAsync(topic);
        await Admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(topic, 0, 1)]);

        var described = await Admin.DescribeConsumerGroupsAsync([unknown, group]);

        Assert.That(described[0].Error, Is.Null);
        Assert.That(described[0].State, Is.EqualTo(ConsumerGroupState.Dead));
        Assert.That(described[1].State, Is.EqualTo(ConsumerGroupState.Empty));
        Assert.That(described[1].IsSimpleConsumerGroup, Is.True, "a group with offsets only has no protocol type");
        Assert.That(described[1].Members, Is.Empty);
    }

    [Test]
    public async Task ListConsumerGroupsAsync_lists_groups_with_their_states_and_filters_by_state()
    {
        string topic = NewName("topic"), active = NewName("active"), simple = NewName("simple");
        await Cluster.CreateTopicAsync(topic, partitions: 2);
        await using var member = await TestGroupMember.JoinAsync(Cluster, active, [new TopicPartition(topic, 0)]);
        await Admin.AlterConsumerGroupOffsetsAsync(simple, [new TopicPartitionOffset(topic, 1, 3)]);

        ListConsumerGroupsResult all = await Admin.ListConsumerGroupsAsync();

        Assert.That(all.Errors, Is.Empty);
        Assert.That(all.Valid, Does.Contain(new ConsumerGroupListing(active, false, ConsumerGroupState.Stable)));
        Assert.That(all.Valid, Does.Contain(new ConsumerGroupListing(simple, true, ConsumerGroupState.Empty)));

        ListConsumerGroupsResult empty = await Admin.ListConsumerGroupsAsync([ConsumerGroupState.Empty]);
        Assert.That(empty.Valid.Select(g => g.GroupId), Does.Contain(simple).And.Not.Contain(active));
    }

    [Test]
    public async Task A_broker_that_cannot_list_its_groups_is_reported_and_the_others_are_listed()
    {
        // Long enough for the failing broker to answer (and be retried) at least once even on a loaded machine.
        await using var admin = NewAdmin(o => o.DefaultApiTimeoutMs = 3_000);
        string topic = NewName("topic");
        await Cluster.CreateTopicAsync(topic);
        string[] groups = [.. Enumerable.Range(0, 12).Select(_ => NewName("group"))];
        foreach (string group in groups)
        {
            await admin.AlterConsumerGroupOffsetsAsync(group, [new TopicPartitionOffset(topic, 0, 1)]);
        }

        int failing = Cluster.BrokerIds[0];
        Cluster.FailNextRequests(ApiKey.ListGroups, 1_000, ErrorCode.CoordinatorLoadInProgress, failing);

        ListConsumerGroupsResult listed = await admin.ListConsumerGroupsAsync();

        Assert.That(listed.Errors, Has.Count.EqualTo(1));
        Assert.That(listed.Errors[0].Error, Is.EqualTo(ErrorCode.RequestTimedOut));
        Assert.That(listed.Errors[0].Message, Does.Contain($"broker {failing}").And.Contain("CoordinatorLoadInProgress"));
        Assert.That(listed.Valid.Select(g => g.GroupId), Is.EquivalentTo(groups.Where(g => Cluster.CoordinatorOf(g) != failing)));
    }

    [Test]
    public async Task DeleteConsumerGroupsAsync_deletes_empty_groups_and_reports_active_and_unknown_ones()
    {
        string topic = NewName("topic"), empty = NewName("empty"), active = NewName("active"), unknown = NewName("unknown");
        await Cluster.CreateTopicAsync(topic);
        await Admin.AlterConsumerGroupOffsetsAsync(empty, [new TopicPartitionOffset(topic, 0, 5)]);
        await using var member = await TestGroupMember.JoinAsync(Cluster, active, [new TopicPartition(topic, 0)]);

        var results = await Admin.DeleteConsumerGroupsAsync([empty, active, unknown]);

        Assert.That(results.Select(r => r.GroupId), Is.EqualTo(new[] { empty, active, unknown }));
        Assert.That(results[0].Error, Is.Null);
        Assert.That(results[1].Error!.Error, Is.EqualTo(ErrorCode.NonEmptyGroup));
        Assert.That(results[2].Error!.Error, Is.EqualTo(ErrorCode.GroupIdNotFound));
        Assert.That(Cluster.DescribeGroup(empty), Is.Null);
        Assert.That(await Admin.ListConsumerGroupOffsetsAsync(empty), Is.Empty, "its offsets are gone too");
    }
}
