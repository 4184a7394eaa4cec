using Kafka.Client.Admin;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client;

/// <summary>Creating and deleting topics and adding partitions: requests to the controller.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Creates topics (CreateTopics, sent to the controller).</summary>
    /// <param name="topics">The topics; each name once.</param>
    /// <param name="validateOnly">True to only check that the topics could be created, creating nothing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One result per topic, in order. Errors include <see cref="ErrorCode.TopicAlreadyExists"/>,
    /// <see cref="ErrorCode.InvalidPartitions"/>, <see cref="ErrorCode.InvalidReplicationFactor"/>,
    /// <see cref="ErrorCode.InvalidReplicaAssignment"/>, <see cref="ErrorCode.InvalidConfig"/> and
    /// <see cref="ErrorCode.InvalidTopicException"/>.
    /// </returns>
    /// <exception cref="ArgumentException">A name is empty or repeated, or a topic has both a replica assignment and a partition count or replication factor.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<CreateTopicResult>> CreateTopicsAsync(IEnumerable<TopicSpecification> topics, bool validateOnly = false, CancellationToken cancellationToken = default)
    {
        Dictionary<string, TopicSpecification> specs = ByName(topics, t => t.Name);
        foreach (TopicSpecification spec in specs.Values)
        {
            if (spec.ReplicasAssignments is not null && (spec.NumPartitions != -1 || spec.ReplicationFactor != -1))
            {
                throw new ArgumentException($"Topic '{spec.Name}' has a replica assignment, so its partition count and replication factor must stay -1.", nameof(topics));
            }
        }

        var batch = new AdminBatch<string, CreateTopicResult>(specs.Keys, "topic", (name, e) => new CreateTopicResult(name, KafkaUuid.Zero, -1, -1, e));
        return await _calls.RunAsync(batch, (pending, token) => SendToControllerAsync(batch, pending, async (connection, names, t) =>
        {
            var request = new CreateTopicsRequest { TimeoutMs = RequestTimeoutMs, ValidateOnly = validateOnly, Topics = [.. names.Select(n => Creatable(specs[n]))] };
            var response = await connection.SendAsync(request, t).ConfigureAwait(false);
            foreach (CreateTopicsResponse.CreatableTopicResult topic in response.Topics)
            {
                if (!RecordControllerError(batch, topic.Name, topic.ErrorCode, topic.ErrorMessage))
                {
                    batch.Succeed(topic.Name, new CreateTopicResult(topic.Name, topic.TopicId, topic.NumPartitions, topic.ReplicationFactor, null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes topics and their data (DeleteTopics, sent to the controller).</summary>
    /// <param name="topics">The topic names.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per topic, in order; <see cref="ErrorCode.UnknownTopicOrPartition"/> for a topic that does not exist.</returns>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<DeleteTopicResult>> DeleteTopicsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        Dictionary<string, string> names = ByName(topics, t => t);
        var batch = new AdminBatch<string, DeleteTopicResult>(names.Keys, "topic", (name, e) => new DeleteTopicResult(name, KafkaUuid.Zero, e));
        return await _calls.RunAsync(batch, (pending, token) => SendToControllerAsync(batch, pending, async (connection, keys, t) =>
        {
            var (response, _) = await AdminNodes.SendAsync(connection, ApiKey.DeleteTopics, version => version >= DeleteTopicsVersions.TopicStructs
                ? new DeleteTopicsRequest { TimeoutMs = RequestTimeoutMs, Topics = [.. keys.Select(k => new DeleteTopicsRequest.DeleteTopicState { Name = k })] }
                : new DeleteTopicsRequest { TimeoutMs = RequestTimeoutMs, TopicNames = [.. keys] }, t).ConfigureAwait(false);
            foreach (DeleteTopicsResponse.DeletableTopicResult topic in response.Responses)
            {
                if (topic.Name is { } name && !RecordControllerError(batch, name, topic.ErrorCode, topic.ErrorMessage))
                {
                    _cluster.RemoveInterest(name);
                    batch.Succeed(name, new DeleteTopicResult(name, topic.TopicId, null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Raises the partition count of topics (CreatePartitions, sent to the controller).</summary>
    /// <param name="partitions">The topics and their new partition counts; each topic once.</param>
    /// <param name="validateOnly">True to only check that the partitions could be added.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One result per topic, in order; <see cref="ErrorCode.InvalidPartitions"/> when the count is not above the
    /// current one, <see cref="ErrorCode.UnknownTopicOrPartition"/> for a topic that does not exist.
    /// </returns>
    /// <exception cref="ArgumentException">A topic is empty or repeated.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<CreatePartitionsResult>> CreatePartitionsAsync(IEnumerable<PartitionsSpecification> partitions, bool validateOnly = false, CancellationToken cancellationToken = default)
    {
        Dictionary<string, PartitionsSpecification> specs = ByName(partitions, p => p.Topic);
        var batch = new AdminBatch<string, CreatePartitionsResult>(specs.Keys, "topic", (name, e) => new CreatePartitionsResult(name, e));
        return await _calls.RunAsync(batch, (pending, token) => SendToControllerAsync(batch, pending, async (connection, names, t) =>
        {
            var request = new CreatePartitionsRequest
            {
                TimeoutMs = RequestTimeoutMs,
                ValidateOnly = validateOnly,
                Topics = [.. names.Select(n => new CreatePartitionsRequest.CreatePartitionsTopic
                {
                    Name = n,
                    Count = specs[n].IncreaseTo,
                    Assignments = specs[n].ReplicaAssignments?.Select(a => new CreatePartitionsRequest.CreatePartitionsAssignment { BrokerIds = [.. a] }).ToList(),
                })],
            };
            var response = await connection.SendAsync(request, t).ConfigureAwait(false);
            foreach (CreatePartitionsResponse.CreatePartitionsTopicResult topic in response.Results)
            {
                if (!RecordControllerError(batch, topic.Name, topic.ErrorCode, topic.ErrorMessage))
                {
                    batch.Succeed(topic.Name, new CreatePartitionsResult(topic.Name, null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

    private static CreateTopicsRequest.CreatableTopic Creatable(TopicSpecification spec) => new()
    {
        Name = spec.Name,
        NumPartitions = spec.NumPartitions,
        ReplicationFactor = spec.ReplicationFactor,
        Assignments = [.. (spec.ReplicasAssignments ?? new Dictionary<int, IReadOnlyList<int>>()).OrderBy(a => a.Key)
            .Select(a => new CreateTopicsRequest.CreatableReplicaAssignment { PartitionIndex = a.Key, BrokerIds = [.. a.Value] })],
        Configs = [.. (spec.Configs ?? new Dictionary<string, string>()).Select(c => new CreateTopicsRequest.CreatableTopicConfig { Name = c.Key, Value = c.Value })],
    };

    /// <summary>Sends the items in one request to the controller (any broker when metadata names none).</summary>
    private async Task SendToControllerAsync<TResult>(
        AdminBatch<string, TResult> batch,
        IReadOnlyList<string> topics,
        Func<KafkaConnection, IReadOnlyList<string>, CancellationToken, Task> send,
        CancellationToken cancellationToken)
    {
        int controller = await _nodes.ControllerAsync(cancellationToken).ConfigureAwait(false);
        await _nodes.SendAsync(batch, topics, _ => Task.FromResult<int?>(controller), send, cancellationToken, _ => _nodes.ControllerMoved()).ConfigureAwait(false);
    }

    /// <summary>Records a controller's per-topic error; NOT_CONTROLLER refreshes metadata and retries.</summary>
    private bool RecordControllerError<TResult>(AdminBatch<string, TResult> batch, string topic, short error, string? message)
    {
        if ((ErrorCode)error == ErrorCode.NotController)
        {
            _nodes.ControllerMoved();
        }

        return batch.RecordError(topic, (ErrorCode)error, message, RetryOn.Controller);
    }

    /// <summary>The items by name, checking each name is given once and not empty; throws when disposed.</summary>
    private Dictionary<string, T> ByName<T>(IEnumerable<T> items, Func<T, string> name)
    {
        ArgumentNullException.ThrowIfNull(items);
        ThrowIfDisposed();
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (T item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            string key = name(item);
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("A name is empty.", nameof(items));
            }

            if (!byName.TryAdd(key, item))
            {
                throw new ArgumentException($"'{key}' is given twice.", nameof(items));
            }
        }

        return byName;
    }
}
