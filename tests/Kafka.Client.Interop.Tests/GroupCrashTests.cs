using Kafka.Client.Testing;
using static Kafka.Client.TestSupport.Eventually;
using Ours = Kafka.Client;

namespace Interop.Tests;

/// <summary>A group member whose process is killed (no LeaveGroup, no more heartbeats) and the member that stays.</summary>
public class GroupCrashTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task A_killed_consumer_process_loses_its_partitions_to_the_survivor_once_its_session_times_out()
    {
        await using var cluster = await EmbeddedKafkaCluster.StartAsync(new EmbeddedKafkaClusterOptions { AutoCreateTopics = false, GroupMinSessionTimeoutMs = 500 });
        await cluster.CreateTopicAsync("crash", partitions: 4);
        await using var survivor = new Ours.KafkaConsumer<string, string>(new Ours.ConsumerOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "crash-group",
            SessionTimeoutMs = 2_000,
            HeartbeatIntervalMs = 100,
            AutoOffsetReset = Ours.AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = [Ours.PartitionAssignmentStrategy.Range],
        });
        survivor.Subscribe("crash");
        using var stop = new CancellationTokenSource();
        Task consuming = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in survivor.ConsumeAsync(stop.Token))
                {
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });

        await WaitUntilAsync(() => survivor.Assignment.Count == 4, "the survivor to own the topic alone");
        RunningProcess victim = RunningProcess.Start(KafkaTool.Dll, "consume", "--bootstrap-server", cluster.BootstrapServers, "--topic", "crash", "--group", "crash-group",
            "--consumer-property", "session.timeout.ms=2000", "--consumer-property", "heartbeat.interval.ms=200", "--consumer-property", "partition.assignment.strategy=range");
        try
        {
            await WaitUntilAsync(() => survivor.Assignment.Count == 2 && cluster.DescribeGroup("crash-group")!.Members.Count == 2, "the second process to join and take half");
        }
        finally
        {
            await victim.DisposeAsync(); // SIGKILL: the process dies without leaving the group
        }

        DateTime killed = DateTime.UtcNow;
        await WaitUntilAsync(() => survivor.Assignment.Count == 4, "the survivor to get the dead member's partitions");
        Assert.That(cluster.DescribeGroup("crash-group")!.Members, Has.Count.EqualTo(1));
        Assert.That(DateTime.UtcNow - killed, Is.GreaterThan(TimeSpan.FromMilliseconds(1_000)), "the partitions moved when the dead member's session timed out, not before");

        await stop.CancelAsync();
        await consuming;
    }
}
