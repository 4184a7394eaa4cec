using System.Diagnostics;
using Kafka.Client.Protocol;
using Kafka.Client.Testing;

namespace Kafka.Client.Tests.Security;

/// <summary>
/// ACLs on the embedded cluster with an authorizer: the admin client creates, lists and deletes them; our producer,
/// consumer and admin client get Kafka's authorization errors, at once, where a principal has no right.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class AclTests
{
    private EmbeddedKafkaCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        var options = new EmbeddedKafkaClusterOptions { Brokers = 2, EnableAcls = true };
        options.Listeners.Add("SASL_PLAINTEXT://127.0.0.1:0");
        options.SaslUsers["admin"] = "admin-secret";
        options.SaslUsers["alice"] = "alice-secret";
        options.SaslUsers["bob"] = "bob-secret";
        options.SuperUsers.Add("User:admin");
        _cluster = await EmbeddedKafkaCluster.StartAsync(options);
        await using KafkaAdminClient admin = new(As<AdminClientOptions>("admin"));
        (await admin.CreateAclsAsync(
        [
            Allow("User:alice", ResourceType.Topic, "alice-", ResourcePatternType.Prefixed, AclOperation.All),
            Allow("User:alice", ResourceType.Group, "alice-", ResourcePatternType.Prefixed, AclOperation.Read),
            Allow("User:alice", ResourceType.Cluster, ResourcePattern.ClusterName, ResourcePatternType.Literal, AclOperation.Create),
            Deny("User:alice", ResourceType.Topic, "alice-secret", AclOperation.Read),
            Allow("User:bob", ResourceType.Topic, "bob-topic", ResourcePatternType.Literal, AclOperation.Describe),
            Allow("User:bob", ResourceType.Topic, "bob-written", ResourcePatternType.Prefixed, AclOperation.Describe),
        ])).ThrowIfAnyFailed();
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    private static AclBinding Allow(string principal, ResourceType type, string name, ResourcePatternType pattern, AclOperation operation) =>
        new(new ResourcePattern(type, name, pattern), new AccessControlEntry(principal, "*", operation, AclPermissionType.Allow));

    private static AclBinding Deny(string principal, ResourceType type, string name, AclOperation operation) =>
        new(new ResourcePattern(type, name), new AccessControlEntry(principal, "*", operation, AclPermissionType.Deny));

    private T As<T>(string user, T? options = null)
        where T : ClientOptions, new()
    {
        options ??= new T();
        options.BootstrapServers = _cluster.BootstrapServers;
        options.SecurityProtocol = SecurityProtocol.SaslPlaintext;
        options.SaslMechanism = SaslMechanism.ScramSha256;
        options.SaslUsername = user;
        options.SaslPassword = user + "-secret";
        return options;
    }

    [Test]
    public async Task A_principal_with_rights_on_a_prefix_produces_and_consumes_in_its_group()
    {
        await using (KafkaAdminClient alice = new(As<AdminClientOptions>("alice")))
        {
            (await alice.CreateTopicsAsync([new TopicSpecification { Name = "alice-orders", NumPartitions = 2, ReplicationFactor = 2 }])).ThrowIfAnyFailed();
        }

        await using (var producer = new KafkaProducer<string, string>(As<ProducerOptions>("alice")))
        {
            for (int i = 0; i < 20; i++)
            {
                await producer.ProduceAsync("alice-orders", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }
        }

        await using var consumer = new KafkaConsumer<string, string>(As("alice", new ConsumerOptions { GroupId = "alice-readers", AutoOffsetReset = AutoOffsetReset.Earliest }));
        consumer.Subscribe("alice-orders");
        var values = new HashSet<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (ConsumeResult<string, string> record in consumer.ConsumeAsync(timeout.Token))
        {
            if (values.Add(record.Message.Value) && values.Count == 20)
            {
                break;
            }
        }

        await consumer.CommitAsync();
        Assert.That(values, Has.Count.EqualTo(20));
    }

    [TestCase("alice-ledger", false, ErrorCode.TopicAuthorizationFailed, TestName = "A producer that may not even describe the topic fails at once (metadata)")]
    [TestCase("bob-written", false, ErrorCode.TopicAuthorizationFailed, TestName = "A producer that may describe but not write fails at once (produce)")]
    [TestCase("bob-written-idempotent", true, ErrorCode.ClusterAuthorizationFailed, TestName = "An idempotent producer that may write no topic fails at once (InitProducerId, KIP-679)")]
    public async Task A_producer_without_write_fails_at_once(string topic, bool idempotent, ErrorCode expected)
    {
        await _cluster.CreateTopicAsync(topic, partitions: 1, replicationFactor: 1);
        await using var producer = new KafkaProducer<string, string>(As("bob", new ProducerOptions { DeliveryTimeoutMs = 60_000, EnableIdempotence = idempotent }));
        var watch = Stopwatch.StartNew();
        var error = Assert.CatchAsync<KafkaException>(async () => await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "v" }));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "not retried until the delivery timeout");
        Assert.That(error!.Error, Is.EqualTo(expected), error.Message);
        Assert.That(error.IsRetriable, Is.False);
        Assert.That(_cluster.DescribePartition(topic, 0).HighWatermark, Is.Zero);
    }

    [Test]
    public async Task A_consumer_denied_read_gets_topic_authorization_failed()
    {
        await _cluster.CreateTopicAsync("alice-secret", partitions: 1, replicationFactor: 1);
        await using var consumer = new KafkaConsumer<string, string>(As("alice", new ConsumerOptions { GroupId = "alice-snoop", AutoOffsetReset = AutoOffsetReset.Earliest }));
        consumer.Assign([new TopicPartition("alice-secret", 0)]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var error = Assert.ThrowsAsync<KafkaException>(async () =>
        {
            await foreach (ConsumeResult<string, string> _ in consumer.ConsumeAsync(timeout.Token))
            {
            }
        });
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.TopicAuthorizationFailed), error.Message);
        Assert.That(timeout.IsCancellationRequested, Is.False, "the error came before the timeout");
    }

    [Test]
    public async Task A_group_without_read_is_refused_with_group_authorization_failed()
    {
        await _cluster.CreateTopicAsync("alice-events", partitions: 1, replicationFactor: 1);
        await using var consumer = new KafkaConsumer<string, string>(As("alice", new ConsumerOptions { GroupId = "not-alices-group" }));
        consumer.Subscribe("alice-events");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var error = Assert.ThrowsAsync<KafkaException>(async () =>
        {
            await foreach (ConsumeResult<string, string> _ in consumer.ConsumeAsync(timeout.Token))
            {
            }
        });
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.GroupAuthorizationFailed), error.Message);
    }

    [Test]
    public async Task Metadata_hides_topics_a_principal_may_not_describe_and_admin_calls_are_refused()
    {
        await _cluster.CreateTopicAsync("bob-topic", partitions: 1, replicationFactor: 1);
        await _cluster.CreateTopicAsync("alice-hidden", partitions: 1, replicationFactor: 1);
        await using KafkaAdminClient bob = new(As("bob", new AdminClientOptions { DefaultApiTimeoutMs = 10_000 }));
        IReadOnlyList<string> visible = [.. (await bob.ListTopicsAsync()).Select(t => t.Name)];
        Assert.That(visible, Does.Contain("bob-topic").And.Not.Contain("alice-hidden"));

        IReadOnlyList<TopicDescription> described = await bob.DescribeTopicsAsync(["alice-hidden"]);
        Assert.That(described[0].Error?.Error, Is.EqualTo(ErrorCode.TopicAuthorizationFailed));

        IReadOnlyList<CreateTopicResult> created = await bob.CreateTopicsAsync([new TopicSpecification { Name = "bob-new", NumPartitions = 1, ReplicationFactor = 1 }]);
        Assert.That(created[0].Error?.Error, Is.EqualTo(ErrorCode.TopicAuthorizationFailed));

        IReadOnlyList<CreateAclResult> acl = await bob.CreateAclsAsync([Allow("User:bob", ResourceType.Topic, "*", ResourcePatternType.Literal, AclOperation.All)]);
        Assert.That(acl[0].Error?.Error, Is.EqualTo(ErrorCode.ClusterAuthorizationFailed));
        var describeAcls = Assert.ThrowsAsync<KafkaException>(() => bob.DescribeAclsAsync(AclBindingFilter.Any));
        Assert.That(describeAcls!.Error, Is.EqualTo(ErrorCode.ClusterAuthorizationFailed));
    }

    [Test]
    public async Task Acls_are_described_by_filter_and_deleted()
    {
        await using KafkaAdminClient admin = new(As<AdminClientOptions>("admin"));
        AclBinding temporary = Allow("User:carol", ResourceType.Group, "carol-group", ResourcePatternType.Literal, AclOperation.Read);
        (await admin.CreateAclsAsync([temporary, temporary])).ThrowIfAnyFailed();

        IReadOnlyList<AclBinding> alices = await admin.DescribeAclsAsync(new AclBindingFilter(ResourcePatternFilter.Any, new AccessControlEntryFilter("User:alice", null, AclOperation.Any, AclPermissionType.Any)));
        Assert.That(alices, Has.Count.EqualTo(4));
        Assert.That(alices, Does.Contain(Deny("User:alice", ResourceType.Topic, "alice-secret", AclOperation.Read)));

        IReadOnlyList<AclBinding> matching = await admin.DescribeAclsAsync(new AclBindingFilter(new ResourcePatternFilter(ResourceType.Topic, "alice-secret", ResourcePatternType.Match), AccessControlEntryFilter.Any));
        Assert.That(matching.Select(b => b.Pattern.PatternType), Is.EquivalentTo(new[] { ResourcePatternType.Prefixed, ResourcePatternType.Literal }), "the prefix alice- and the literal deny apply to alice-secret");

        Assert.That(await admin.DescribeAclsAsync(AclBindingFilter.For(temporary)), Is.EqualTo(new[] { temporary }), "creating an ACL twice keeps one");
        IReadOnlyList<DeleteAclsResult> deleted = await admin.DeleteAclsAsync([AclBindingFilter.For(temporary)]);
        Assert.That(deleted[0].Deleted, Is.EqualTo(new[] { temporary }));
        Assert.That(await admin.DescribeAclsAsync(AclBindingFilter.For(temporary)), Is.Empty);
    }

    [Test]
    public async Task Without_an_authorizer_the_acl_apis_answer_security_disabled()
    {
        await using var open = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 1 });
        await using var admin = new KafkaAdminClient(new AdminClientOptions { BootstrapServers = open.BootstrapServers });
        var error = Assert.ThrowsAsync<KafkaException>(() => admin.DescribeAclsAsync(AclBindingFilter.Any));
        Assert.That(error!.Error, Is.EqualTo(ErrorCode.SecurityDisabled));
        IReadOnlyList<CreateAclResult> created = await admin.CreateAclsAsync([Allow("User:x", ResourceType.Topic, "t", ResourcePatternType.Literal, AclOperation.Read)]);
        Assert.That(created[0].Error?.Error, Is.EqualTo(ErrorCode.SecurityDisabled));
    }
}
