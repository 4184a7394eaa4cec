using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.State;

/// <summary>Brokers going down and up, and partition leadership following them.</summary>
internal sealed partial class ClusterState
{
    private IEnumerable<PartitionState> AllPartitionsLocked() => _topics.Values.SelectMany(t => t.Partitions);

    /// <summary>A broker stopped: it leaves every ISR, and its partitions elect another in-sync leader.</summary>
    public void BrokerStopped(int brokerId)
    {
        lock (Sync)
        {
            _brokers[brokerId].Alive = false;
            foreach (PartitionState partition in AllPartitionsLocked())
            {
                lock (partition.Sync)
                {
                    if (Array.IndexOf(partition.Replicas, brokerId) < 0)
                    {
                        continue;
                    }

                    partition.RemoveFromIsrLocked(brokerId);
                    if (partition.Leader == brokerId)
                    {
                        partition.FailWaitersLocked(ErrorCode.NotLeaderOrFollower);
                        int next = partition.Isr.FirstOrDefault(b => b != brokerId && IsAlive(b), -1);
                        partition.ElectLocked(next);
                    }
                }
            }
        }
    }

    /// <summary>A broker started: offline partitions it can lead get it as leader; elsewhere it catches up as a follower.</summary>
    public void BrokerStarted(int brokerId)
    {
        lock (Sync)
        {
            _brokers[brokerId].Alive = true;
            foreach (PartitionState partition in AllPartitionsLocked())
            {
                lock (partition.Sync)
                {
                    if (Array.IndexOf(partition.Replicas, brokerId) < 0)
                    {
                        continue;
                    }

                    if (partition.Leader < 0 && partition.Isr.Contains(brokerId))
                    {
                        partition.ElectLocked(brokerId);
                    }
                }

                Pump.Schedule(partition);
            }
        }
    }

    /// <summary>
    /// After a follower caught up: if it is the preferred (first) replica and not the leader, leadership goes back
    /// to it, as Kafka's automatic preferred leader election does (here at once rather than every 300 s).
    /// </summary>
    public void ElectPreferredLeaderLocked(PartitionState partition)
    {
        int preferred = partition.Replicas[0];
        if (partition.Leader != preferred && IsAlive(preferred) && partition.Isr.Contains(preferred)
            && partition.ReplicaEndLocked(preferred) >= partition.LogEndOffset)
        {
            partition.FailWaitersLocked(ErrorCode.NotLeaderOrFollower);
            partition.ElectLocked(preferred);
        }
    }

    /// <summary>Moves a partition's leadership to <paramref name="brokerId"/>, which must be an in-sync live replica.</summary>
    public void MoveLeader(string topic, int partitionIndex, int brokerId)
    {
        PartitionState partition = FindPartition(topic, partitionIndex)
            ?? throw new ArgumentException($"Partition {topic}-{partitionIndex} does not exist.");
        lock (Sync)
        {
            lock (partition.Sync)
            {
                if (!IsAlive(brokerId) || !partition.Isr.Contains(brokerId))
                {
                    throw new InvalidOperationException(
                        $"Broker {brokerId} is not a live in-sync replica of {topic}-{partitionIndex} (ISR: {string.Join(",", partition.Isr)}).");
                }

                if (partition.Leader == brokerId)
                {
                    return;
                }

                partition.FailWaitersLocked(ErrorCode.NotLeaderOrFollower);
                partition.ElectLocked(brokerId);
            }
        }
    }
}
