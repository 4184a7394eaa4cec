using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Tests;

/// <summary>Retention on one partition's log: the oldest batches go, but never the last one and never above the high watermark.</summary>
public class RetentionTests
{
    private static PartitionLog LogOfFiveBatches()
    {
        var log = new PartitionLog(null);
        for (int i = 0; i < 5; i++)
        {
            log.Append(Batches.Build(10), leaderEpoch: 0, nowMs: 1_000, logAppendTime: false);
        }

        return log;
    }

    [Test]
    public void Retention_does_not_drop_batches_that_are_not_below_the_high_watermark()
    {
        PartitionLog log = LogOfFiveBatches();
        log.ApplyRetention(nowMs: 1_000_000, retentionMs: 1, retentionBytes: -1, highWatermark: 20);
        Assert.That(log.LogStartOffset, Is.EqualTo(20), "only the batches every in-sync replica has may go");
        Assert.That(log.BatchCount, Is.EqualTo(3));
    }

    [Test]
    public void Retention_keeps_the_last_batch_even_when_everything_is_too_old()
    {
        PartitionLog log = LogOfFiveBatches();
        log.ApplyRetention(nowMs: 1_000_000, retentionMs: 1, retentionBytes: -1, highWatermark: 50);
        Assert.That(log.LogStartOffset, Is.EqualTo(40));
        Assert.That(log.BatchCount, Is.EqualTo(1));
    }
}
