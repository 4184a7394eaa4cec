using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Interop.Tests.Security;

/// <summary>
/// Confluent.Kafka's AdminClient creates, lists and deletes ACLs on our broker over SASL_SSL, and its producer and
/// consumer, as a principal without the rights, get the authorization errors librdkafka knows.
/// </summary>
public class ConfluentAclTests
{
    private SecureCluster _secure = null!;

    [OneTimeSetUp]
    public async Task Start() => _secure = await SecureCluster.StartAsync(enableAcls: true);

    [OneTimeTearDown]
    public async Task Stop() => await _secure.DisposeAsync();

    private ClientConfig As(string user, string password) => new()
    {
        BootstrapServers = _secure.SaslSsl,
        SecurityProtocol = SecurityProtocol.SaslSsl,
        SaslMechanism = SaslMechanism.ScramSha512,
        SaslUsername = user,
        SaslPassword = password,
        SslCaLocation = _secure.CaFile,
    };

    private static AclBinding Allow(string principal, ResourceType type, string name, ResourcePatternType pattern, AclOperation operation) => new()
    {
        Pattern = new ResourcePattern { Type = type, Name = name, ResourcePatternType = pattern },
        Entry = new AccessControlEntry { Principal = principal, Host = "*", Operation = operation, PermissionType = AclPermissionType.Allow },
    };

    [Test]
    public async Task Confluent_admin_creates_lists_and_deletes_acls_and_they_are_enforced()
    {
        await _secure.Cluster.CreateTopicAsync("orders", partitions: 1, replicationFactor: 2);
        using var admin = new AdminClientBuilder(new AdminClientConfig(As("admin", "admin-secret"))).Build();
        AclBinding write = Allow("User:alice", ResourceType.Topic, "orders", ResourcePatternType.Literal, AclOperation.Write);
        AclBinding read = Allow("User:alice", ResourceType.Topic, "ord", ResourcePatternType.Prefixed, AclOperation.Read);
        await admin.CreateAclsAsync([write, read]);

        var all = new AclBindingFilter
        {
            PatternFilter = new ResourcePatternFilter { Type = ResourceType.Any, ResourcePatternType = ResourcePatternType.Any },
            EntryFilter = new AccessControlEntryFilter { Operation = AclOperation.Any, PermissionType = AclPermissionType.Any },
        };
        DescribeAclsResult described = await admin.DescribeAclsAsync(all);
        Assert.That(described.AclBindings, Is.EquivalentTo(new[] { write, read }));

        // The topic's authorized operations for alice (KIP-430): what her ACLs allow, Describe implied.
        using (var aliceAdmin = new AdminClientBuilder(new AdminClientConfig(As(SecureCluster.User, SecureCluster.Password))).Build())
        {
            DescribeTopicsResult topics = await aliceAdmin.DescribeTopicsAsync(TopicCollection.OfTopicNames(["orders"]), new DescribeTopicsOptions { IncludeAuthorizedOperations = true });
            Assert.That(topics.TopicDescriptions[0].AuthorizedOperations, Is.EquivalentTo(new[] { AclOperation.Read, AclOperation.Write, AclOperation.Describe }));
        }

        // alice may write orders; librdkafka's (non-idempotent) producer delivers.
        using (var alice = new ProducerBuilder<Null, string>(new ProducerConfig(As(SecureCluster.User, SecureCluster.Password))).Build())
        {
            DeliveryResult<Null, string> delivered = await alice.ProduceAsync("orders", new Message<Null, string> { Value = "by alice" });
            Assert.That(delivered.Status, Is.EqualTo(PersistenceStatus.Persisted));
        }

        // bob has no right on orders: TopicAuthorizationFailed, at once.
        using (var bob = new ProducerBuilder<Null, string>(new ProducerConfig(As(SecureCluster.User, SecureCluster.Password)) { SaslUsername = "bob", SaslPassword = "bob-secret", MessageTimeoutMs = 20_000 }).Build())
        {
            var started = DateTime.UtcNow;
            var refused = Assert.ThrowsAsync<ProduceException<Null, string>>(() => bob.ProduceAsync("orders", new Message<Null, string> { Value = "by bob" }));
            Assert.That(refused!.Error.Code, Is.EqualTo(ErrorCode.TopicAuthorizationFailed), refused.Error.Reason);
            Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(15)));
        }

        List<DeleteAclsResult> deleted = await admin.DeleteAclsAsync([new AclBindingFilter
        {
            PatternFilter = new ResourcePatternFilter { Type = ResourceType.Topic, Name = "orders", ResourcePatternType = ResourcePatternType.Match },
            EntryFilter = new AccessControlEntryFilter { Principal = "User:alice", Operation = AclOperation.Any, PermissionType = AclPermissionType.Any },
        }]);
        Assert.That(deleted[0].AclBindings, Is.EquivalentTo(new[] { write, read }), "Match selects the literal and the prefix that apply to orders");
        Assert.That((await admin.DescribeAclsAsync(all)).AclBindings, Is.Empty);
        Assert.That(_secure.Cluster.DescribePartition("orders", 0).HighWatermark, Is.EqualTo(1), "only alice's record");
    }

    [Test]
    public void A_principal_without_alter_on_the_cluster_cannot_create_acls()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig(As(SecureCluster.User, SecureCluster.Password))).Build();
        var refused = Assert.ThrowsAsync<CreateAclsException>(() => admin.CreateAclsAsync([Allow("User:alice", ResourceType.Topic, "*", ResourcePatternType.Literal, AclOperation.All)]));
        Assert.That(refused!.Results[0].Error.Code, Is.EqualTo(ErrorCode.ClusterAuthorizationFailed), refused.Message);
    }
}
