using Kafka.Client.Protocol;
using Kafka.Client.Testing.Storage;

namespace Kafka.Client.Testing.State;

/// <summary>Creating, changing and deleting topics.</summary>
internal sealed partial class ClusterState
{
    /// <summary>Creates a topic; returns the error and its message (None and null on success).</summary>
    public ErrorCode CreateTopic(
        string name,
        int partitions,
        short replicationFactor,
        IReadOnlyList<int[]>? assignments,
        IReadOnlyDictionary<string, string?>? configs,
        bool validateOnly,
        out string? message)
    {
        if (TopicNames.Validate(name) is { } invalid)
        {
            message = invalid;
            return ErrorCode.InvalidTopicException;
        }

        if (configs is not null && ValidateTopicConfigs(configs) is { } badConfig)
        {
            message = badConfig;
            return ErrorCode.InvalidConfig;
        }

        lock (Sync)
        {
            if (_topics.ContainsKey(name))
            {
                message = $"Topic '{name}' already exists.";
                return ErrorCode.TopicAlreadyExists;
            }

            List<int> alive = [.. _brokers.Values.Where(b => b.Alive).Select(b => b.Id)];
            List<int[]> replicas;
            if (assignments is { Count: > 0 })
            {
                if ((partitions != -1 && partitions != assignments.Count) || replicationFactor != -1 && assignments.Any(a => a.Length != replicationFactor))
                {
                    message = "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.";
                    return ErrorCode.InvalidRequest;
                }

                foreach (int[] assignment in assignments)
                {
                    if (assignment.Length == 0 || assignment.Distinct().Count() != assignment.Length || assignment.Any(b => !_brokers.ContainsKey(b)))
                    {
                        message = $"Replica assignment [{string.Join(",", assignment)}] is invalid: replicas must be distinct, known brokers.";
                        return ErrorCode.InvalidReplicaAssignment;
                    }
                }

                replicas = [.. assignments];
            }
            else
            {
                int count = partitions == -1 ? Options.DefaultPartitions : partitions;
                int factor = replicationFactor == -1 ? Options.DefaultReplicationFactor : replicationFactor;
                if (count < 1)
                {
                    message = "Number of partitions must be larger than 0.";
                    return ErrorCode.InvalidPartitions;
                }

                if (factor < 1)
                {
                    message = "Replication factor must be larger than 0.";
                    return ErrorCode.InvalidReplicationFactor;
                }

                if (factor > alive.Count)
                {
                    message = $"Unable to replicate the partition {factor} time(s): The target replication factor of {factor} cannot be reached because only {alive.Count} broker(s) are registered.";
                    return ErrorCode.InvalidReplicationFactor;
                }

                replicas = ReplicaAssigner.Assign(alive, count, factor, 0, _random);
            }

            message = null;
            if (validateOnly)
            {
                return ErrorCode.None;
            }

            var topic = new TopicState(name, KafkaUuid.NewRandom(), Defaults);
            if (configs is not null)
            {
                foreach (var (key, value) in configs)
                {
                    if (value is not null)
                    {
                        topic.Overrides[key] = value;
                    }
                }
            }

            AddPartitions(topic, replicas);
            _topics[name] = topic;
            _topicsById[topic.Id] = topic;
            SaveMetadata();
            return ErrorCode.None;
        }
    }

    private void AddPartitions(TopicState topic, List<int[]> replicas)
    {
        foreach (int[] assignment in replicas)
        {
            int index = topic.Partitions.Count;
            var partition = new PartitionState(topic, index, assignment, new PartitionLog(NewStore(topic.Name, index)));
            lock (partition.Sync)
            {
                partition.ElectLocked(assignment.FirstOrDefault(IsAlive, -1));
                foreach (int replica in assignment)
                {
                    if (!IsAlive(replica))
                    {
                        partition.RemoveFromIsrLocked(replica);
                    }
                }
            }

            topic.AddPartition(partition);
        }
    }

    private void RestoreTopic(MetadataStore.TopicRecord record)
    {
        var topic = new TopicState(record.Name, record.Id, Defaults);
        foreach (var (key, value) in record.Configs)
        {
            topic.Overrides[key] = value;
        }

        for (int index = 0; index < record.Replicas.Count; index++)
        {
            var partition = new PartitionState(topic, index, record.Replicas[index], new PartitionLog(NewStore(topic.Name, index)));
            topic.AddPartition(partition);
        }

        _topics[topic.Name] = topic;
        _topicsById[topic.Id] = topic;
    }

    /// <summary>Elects leaders for topics read back from the data directory, once the brokers are up.</summary>
    public void ElectRestoredLeaders()
    {
        lock (Sync)
        {
            foreach (TopicState topic in _topics.Values)
            {
                foreach (PartitionState partition in topic.Partitions)
                {
                    lock (partition.Sync)
                    {
                        if (partition.Leader < 0)
                        {
                            partition.ElectLocked(partition.Replicas.FirstOrDefault(IsAlive, -1));
                        }
                    }
                }
            }
        }
    }

    public ErrorCode DeleteTopic(string name, out KafkaUuid id)
    {
        lock (Sync)
        {
            id = KafkaUuid.Zero;
            if (!_topics.Remove(name, out TopicState? topic))
            {
                return ErrorCode.UnknownTopicOrPartition;
            }

            id = topic.Id;
            _topicsById.Remove(topic.Id);
            foreach (PartitionState partition in topic.Partitions)
            {
                lock (partition.Sync)
                {
                    // No broker leads a deleted partition: a produce that found it just before the delete gets
                    // NOT_LEADER_OR_FOLLOWER instead of an acknowledgement for data that is gone.
                    partition.FailWaitersLocked(ErrorCode.UnknownTopicOrPartition);
                    partition.ElectLocked(-1);
                    partition.Log.Close();
                }
            }

            if (Options.DataDirectory is { } directory)
            {
                for (int i = 0; i < topic.Partitions.Count; i++)
                {
                    string folder = Path.Combine(directory, $"{name}-{i}");
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
            }

            SaveMetadata();

            // Offsets of a deleted topic go with it (Kafka's OffsetMetadataManager.onPartitionsDeleted).
            Groups.Offsets.DeleteTopic(name);
            return ErrorCode.None;
        }
    }

    public ErrorCode CreatePartitions(string name, int total, IReadOnlyList<int[]>? assignments, bool validateOnly, out string? message)
    {
        lock (Sync)
        {
            if (!_topics.TryGetValue(name, out TopicState? topic))
            {
                message = $"The topic '{name}' does not exist.";
                return ErrorCode.UnknownTopicOrPartition;
            }

            int current = topic.Partitions.Count;
            if (total <= current)
            {
                message = total == current
                    ? $"Topic already has {current} partitions."
                    : $"Topic currently has {current} partitions, which is higher than the requested {total}.";
                return ErrorCode.InvalidPartitions;
            }

            int factor = topic.Partitions[0].Replicas.Length;
            List<int> alive = [.. _brokers.Values.Where(b => b.Alive).Select(b => b.Id)];
            List<int[]> replicas;
            if (assignments is { Count: > 0 })
            {
                if (assignments.Count != total - current || assignments.Any(a => a.Length != factor || a.Any(b => !_brokers.ContainsKey(b)) || a.Distinct().Count() != a.Length))
                {
                    message = "Invalid replica assignment for the new partitions.";
                    return ErrorCode.InvalidReplicaAssignment;
                }

                replicas = [.. assignments];
            }
            else
            {
                if (factor > alive.Count)
                {
                    message = $"Unable to replicate the partition {factor} time(s): only {alive.Count} broker(s) are registered.";
                    return ErrorCode.InvalidReplicationFactor;
                }

                replicas = ReplicaAssigner.Assign(alive, total - current, factor, current, _random);
            }

            message = null;
            if (!validateOnly)
            {
                AddPartitions(topic, replicas);
                SaveMetadata();
            }

            return ErrorCode.None;
        }
    }

    /// <summary>Returns the first invalid topic config, or null.</summary>
    public static string? ValidateTopicConfigs(IEnumerable<KeyValuePair<string, string?>> configs)
    {
        foreach (var (key, value) in configs)
        {
            if (!ConfigDefinitions.Topic.TryGetValue(key, out ConfigDefinition? definition))
            {
                return $"Unknown topic config name: {key}";
            }

            if (definition.Validate(value) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Sets (value) or removes (null) topic configs after they were validated.</summary>
    public void SetTopicConfigs(TopicState topic, IEnumerable<KeyValuePair<string, string?>> changes, bool replaceAll)
    {
        lock (Sync)
        {
            if (replaceAll)
            {
                topic.Overrides.Clear();
            }

            foreach (var (key, value) in changes)
            {
                if (value is null)
                {
                    topic.Overrides.TryRemove(key, out _);
                }
                else
                {
                    topic.Overrides[key] = value;
                }
            }

            SaveMetadata();
        }
    }

    private void SaveMetadata() => _metadataStore?.SaveTopics(_topics.Values);
}
