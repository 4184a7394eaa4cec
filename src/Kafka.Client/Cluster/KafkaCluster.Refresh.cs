using Kafka.Client.Diagnostics;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Cluster;

/// <summary>Fetching metadata and keeping the cache fresh.</summary>
internal sealed partial class KafkaCluster
{
    /// <summary>Fetches metadata for <paramref name="topics"/> plus every topic of interest, retrying retriable errors.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<string>? topics, CancellationToken cancellationToken)
    {
        await Retry.ExecuteAsync(async token => await RefreshOnceAsync(topics, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task RefreshOnceAsync(IReadOnlyCollection<string>? topics, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            KafkaConnection connection = await AnyConnectionAsync(cancellationToken).ConfigureAwait(false);
            var wanted = new HashSet<string>(_interest.Keys, StringComparer.Ordinal);
            if (topics is not null)
            {
                wanted.UnionWith(topics);
            }

            // Before v4 the field does not exist and the broker's auto.create.topics.enable alone decides.
            MetadataResponse response = await connection.SendAsync(ApiKey.Metadata, version => new MetadataRequest
            {
                Topics = [.. wanted.Select(t => new MetadataRequest.MetadataRequestTopic { Name = t })],
                AllowAutoTopicCreation = version < MetadataVersions.AllowAutoTopicCreation || _settings.AllowAutoCreateTopics,
            }, cancellationToken).ConfigureAwait(false);
            Apply(response);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>Fetches the metadata of every topic in the cluster (for listing and regex subscriptions).</summary>
    public async Task<IReadOnlyList<TopicMetadata>> FetchAllTopicsAsync(CancellationToken cancellationToken)
    {
        return await Retry.ExecuteAsync(async token =>
        {
            KafkaConnection connection = await AnyConnectionAsync(token).ConfigureAwait(false);
            MetadataResponse response = await connection.SendAsync(new MetadataRequest { Topics = null }, token).ConfigureAwait(false);
            return Apply(response);
        }, cancellationToken).ConfigureAwait(false);
    }

    private List<TopicMetadata> Apply(MetadataResponse response)
    {
        var brokers = new Dictionary<int, BrokerMetadata>();
        foreach (MetadataResponse.MetadataResponseBroker b in response.Brokers)
        {
            brokers[b.NodeId] = new BrokerMetadata(b.NodeId, b.Host, b.Port, b.Rack);
            if (_slots.TryGetValue(b.NodeId, out BrokerConnectionSlot? slot))
            {
                slot.Address = new BrokerAddress(b.Host, b.Port);
            }
        }

        _brokers = brokers;
        ClusterId = response.ClusterId;
        ControllerId = response.ControllerId;
        var result = new List<TopicMetadata>(response.Topics.Count);
        foreach (MetadataResponse.MetadataResponseTopic t in response.Topics)
        {
            if (t.Name is null)
            {
                continue;
            }

            var partitions = t.Partitions
                .OrderBy(p => p.PartitionIndex)
                .Select(p => new PartitionMetadata(p.PartitionIndex, p.LeaderId, p.LeaderEpoch, [.. p.ReplicaNodes], [.. p.IsrNodes], (ErrorCode)p.ErrorCode))
                .ToArray();
            KeepNewerLeaders(t.Name, t.TopicId, partitions);
            var topic = new TopicMetadata(t.Name, t.TopicId, (ErrorCode)t.ErrorCode, partitions, t.IsInternal);
            _topics[t.Name] = topic;
            result.Add(topic);
        }

        return result;
    }

    /// <summary>
    /// KIP-320, as the Java client's Metadata: a broker that is behind may answer with an older leader epoch than one
    /// already seen; for such a partition the cached (newer) leader is kept. A recreated topic (new id) starts over.
    /// </summary>
    private void KeepNewerLeaders(string name, KafkaUuid id, PartitionMetadata[] partitions)
    {
        if (!_topics.TryGetValue(name, out TopicMetadata? cached) || cached.Id != id)
        {
            return;
        }

        for (int i = 0; i < partitions.Length; i++)
        {
            PartitionMetadata fresh = partitions[i];
            if (fresh.Partition < cached.Partitions.Length && cached.Partitions[fresh.Partition] is { } known
                && known.Partition == fresh.Partition && fresh.LeaderEpoch >= 0 && known.LeaderEpoch > fresh.LeaderEpoch)
            {
                partitions[i] = known;
            }
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            Task wanted = Volatile.Read(ref _refreshWanted).Task;
            try
            {
                await Task.WhenAny(wanted, Task.Delay(_settings.MetadataMaxAge, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Exchange(ref _refreshWanted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                if (!_interest.IsEmpty)
                {
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    attempt.CancelAfter(_settings.Connection.RequestTimeout);
                    await RefreshOnceAsync(null, attempt.Token).ConfigureAwait(false);
                }

                // Debounce: at most one refresh per retry.backoff.ms.
                await Task.Delay(_settings.RetryBackoff, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is KafkaException or OperationCanceledException)
            {
                LogMessages.LogRefreshFailed(_logger, e.Message);
                RequestRefresh();
                try
                {
                    await Task.Delay(_settings.RetryBackoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
