using Kafka.Client.Testing;

namespace Kafka.Client.Extensions.Hosting.Tests;

/// <summary>One embedded cluster of three brokers for the assembly; each test uses topics and groups of its own.</summary>
[SetUpFixture]
public sealed class TestCluster
{
    private static EmbeddedKafkaCluster? _cluster;

    /// <summary>The shared cluster.</summary>
    public static EmbeddedKafkaCluster Cluster => _cluster ?? throw new InvalidOperationException("The embedded cluster did not start; see the set-up fixture's error.");

    /// <summary>A topic or group name no other test uses.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        try
        {
            _cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { Brokers = 3 });
        }
        catch (Exception e)
        {
            Assert.Fail($"Could not start the embedded Kafka cluster on loopback: {e}");
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
