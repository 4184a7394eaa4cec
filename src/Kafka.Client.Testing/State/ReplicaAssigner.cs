namespace Kafka.Client.Testing.State;

/// <summary>
/// Spreads partition replicas over brokers as Kafka does without racks (AdminUtils.assignReplicasToBrokers):
/// a random start broker and shift, first replicas round-robin, followers shifted so they spread too.
/// </summary>
internal static class ReplicaAssigner
{
    public static List<int[]> Assign(IReadOnlyList<int> brokerIds, int partitions, int replicationFactor, int firstPartition, Random random)
    {
        int[] brokers = [.. brokerIds.Order()];
        int n = brokers.Length;
        int startIndex = random.Next(n);
        int shift = random.Next(n);
        var result = new List<int[]>(partitions);
        for (int p = firstPartition; p < firstPartition + partitions; p++)
        {
            if (p > 0 && p % n == 0)
            {
                shift++;
            }

            int first = (p + startIndex) % n;
            var replicas = new int[replicationFactor];
            replicas[0] = brokers[first];
            for (int j = 0; j < replicationFactor - 1; j++)
            {
                replicas[j + 1] = brokers[(first + 1 + (shift + j) % (n - 1)) % n];
            }

            result.Add(replicas);
        }

        return result;
    }
}
