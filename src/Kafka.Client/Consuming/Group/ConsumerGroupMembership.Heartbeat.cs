using Kafka.Client.Diagnostics;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming;

/// <summary>The ConsumerGroupHeartbeat loop: building requests with only changed fields, handling answers and errors, leaving.</summary>
internal sealed partial class ConsumerGroupMembership
{
    // ConsumerGroupHeartbeatRequest: -1 leaves the group; -2 leaves as a static member that will come back (KIP-848).
    private const int LeaveEpoch = -1;
    private const int StaticLeaveEpoch = -2;

    private int _intervalMs;
    private long _lastSent;
    private bool _memberIdFromBroker;
    private int _coordinatorNode = -1;

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        int failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Task wake = _wake.Next;
                if (!_joined || _fenced || Fatal is not null)
                {
                    await AsyncSignal.WaitAsync(wake, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // After a failure, back off (exponentially, at most 1 s) whatever wakes the loop; else send when
                // something must go now (joining, an acknowledgement, a changed subscription) or the interval is up.
                long due = failures > 0
                    ? _lastSent + (long)Math.Min(_settings.RetryBackoff.TotalMilliseconds * Math.Pow(2, failures - 1), 1_000)
                    : _sendNow ? 0 : _lastSent + _intervalMs;
                long wait = due - Environment.TickCount64;
                if (wait > 0)
                {
                    await AsyncSignal.WaitAsync(wake, TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                long idle = Environment.TickCount64 - Volatile.Read(ref _lastPoll);
                if (idle > _settings.RebalanceTimeoutMs)
                {
                    await LeaveOnPollTimeoutAsync(idle, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The heartbeat loop must outlive any failure; it logs and tries again with a full request, as Java's.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogMessages.LogHeartbeatFailed(_logger, _settings.GroupId, e.Message);
                _sent.Reset();
                _lastSent = Environment.TickCount64;
                failures++;
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_joined || _fenced)
            {
                return;
            }

            _sendNow = false;
            _lastSent = Environment.TickCount64;
            string? topics = null;
            string? regex = null;
            int ownedVersion = 0;
            int epoch = Volatile.Read(ref _epoch);
            ConsumerGroupHeartbeatResponse response = await _coordinator.SendAsync(
                c => Build(c, epoch, out topics, out regex, out ownedVersion), r => (ErrorCode)r.ErrorCode, cancellationToken).ConfigureAwait(false);
            var error = (ErrorCode)response.ErrorCode;
            if (error != ErrorCode.None)
            {
                _sent.Reset();
                HandleError(error, response.ErrorMessage, epoch);
                return;
            }

            _sent.Sent(topics, regex, ownedVersion);
            await OnHeartbeatAsync(response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// The request: group, member and epoch always (and the instance id when static, as Java); the rest in full when
    /// joining or after an error, else only what changed since the last answered heartbeat.
    /// </summary>
    private ConsumerGroupHeartbeatRequest Build(KafkaConnection connection, int epoch, out string? topics, out string? regex, out int ownedVersion)
    {
        if (!connection.Supports(ApiKey.ConsumerGroupHeartbeat))
        {
            throw SetFatal(new KafkaException(ErrorCode.UnsupportedVersion,
                $"group.protocol=consumer needs a broker with the ConsumerGroupHeartbeat API (Kafka 4.0 or newer, KIP-848); the coordinator of group '{_settings.GroupId}' (broker {connection.NodeId}) does not offer it. Set group.protocol=classic until the cluster is upgraded."));
        }

        _coordinatorNode = connection.NodeId;
        short version = connection.VersionFor(ApiKey.ConsumerGroupHeartbeat);
        bool full = _sent.Full || epoch == 0;
        var request = new ConsumerGroupHeartbeatRequest
        {
            GroupId = _settings.GroupId,
            // KIP-1082: from v1 the member names itself from its first heartbeat; a v0 coordinator gives the id.
            MemberId = version >= ConsumerGroupHeartbeatVersions.RegexAndClientMemberId || epoch > 0 || _memberIdFromBroker ? MemberId : "",
            MemberEpoch = epoch,
            InstanceId = _settings.GroupInstanceId,
        };
        if (full)
        {
            request.RackId = string.IsNullOrEmpty(_settings.RackId) ? null : _settings.RackId;
            request.RebalanceTimeoutMs = _settings.RebalanceTimeoutMs;
            request.ServerAssignor = _settings.RemoteAssignor;
        }

        // The subscription: topic names, or from v1 a regular expression the coordinator resolves (RE2/J syntax, as
        // Kafka's; sent as given). When it changed, v1 carries both fields, as librdkafka sends them (its mock
        // requires it): the names (none for a pattern) and the expression ("" for none, which Kafka reads as none).
        bool byRegex = _subscriptions.Pattern is not null && version >= ConsumerGroupHeartbeatVersions.RegexAndClientMemberId;
        regex = version >= ConsumerGroupHeartbeatVersions.RegexAndClientMemberId ? (byRegex ? _subscriptions.Pattern!.ToString() : "") : null;
        List<string> names = byRegex ? [] : [.. _subscriptions.Topics.Order(StringComparer.Ordinal)];
        topics = string.Join(',', names);
        if (full || topics != _sent.Topics || regex != _sent.Regex)
        {
            request.SubscribedTopicNames = names;
            request.SubscribedTopicRegex = regex;
        }

        lock (_sync)
        {
            ownedVersion = _ownedVersion;
            if (full || ownedVersion != _sent.OwnedVersion)
            {
                request.TopicPartitions = OwnedByTopicId(_owned);
            }
        }

        return request;
    }

    private List<ConsumerGroupHeartbeatRequest.TopicPartitionsData> OwnedByTopicId(IReadOnlyList<TopicPartition> owned)
    {
        var result = new List<ConsumerGroupHeartbeatRequest.TopicPartitionsData>();
        foreach (IGrouping<string, TopicPartition> topic in owned.GroupBy(p => p.Topic))
        {
            if (_cluster.TryGetTopic(topic.Key) is { Id.IsZero: false } metadata)
            {
                result.Add(new ConsumerGroupHeartbeatRequest.TopicPartitionsData { TopicId = metadata.Id, Partitions = [.. topic.Select(p => p.Partition)] });
            }
        }

        return result;
    }

    private async Task OnHeartbeatAsync(ConsumerGroupHeartbeatResponse response, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(response.MemberId) && response.MemberId != MemberId)
        {
            MemberId = response.MemberId;
            _memberIdFromBroker = true;
        }

        int previous = Interlocked.Exchange(ref _epoch, response.MemberEpoch);
        _intervalMs = Math.Max(1, response.HeartbeatIntervalMs);
        if (previous != response.MemberEpoch)
        {
            LogMessages.LogMemberEpoch(_logger, _settings.GroupId, MemberId, response.MemberEpoch, _intervalMs);
        }

        TargetAssignment? target = null;
        lock (_sync)
        {
            if (response.Assignment is { } assignment)
            {
                _target = TargetAssignment.From(response.MemberEpoch, assignment);
            }

            target = _target;
        }

        if (target?.Unresolved(_cluster) is { Count: > 0 } unresolved)
        {
            LogMessages.LogUnresolvedTopics(_logger, _settings.GroupId, string.Join(",", unresolved));
            await _cluster.FetchAllTopicsAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_sync)
        {
            MaybeDeliver(responded: true);
        }

        _responded.Set();
    }

    /// <summary>The errors of ConsumerGroupHeartbeatResponse.json, handled as Java's AbstractHeartbeatRequestManager.onErrorResponse.</summary>
    private void HandleError(ErrorCode error, string? message, int epoch)
    {
        switch (error)
        {
            case ErrorCode.FencedMemberEpoch or ErrorCode.UnknownMemberId:
                // Partitions lost; once the loop has given them up the member joins again with epoch 0 and the same id.
                LogMessages.LogMemberFenced(_logger, _settings.GroupId, MemberId, epoch, error);
                lock (_sync)
                {
                    Volatile.Write(ref _epoch, 0);
                    _fenced = true;
                    _partitionsLost = true;
                    _rejoinNeeded = true;
                    ResetReconciliation();
                }

                Signal.Set();
                _responded.Set();
                return;
            case ErrorCode.CoordinatorLoadInProgress:
                throw new KafkaException(error, $"The coordinator of group '{_settings.GroupId}' is loading; retrying.");
            case ErrorCode.UnsupportedVersion:
                throw SetFatal(new KafkaException(error,
                    $"group.protocol=consumer needs a broker with the ConsumerGroupHeartbeat API (Kafka 4.0 or newer, KIP-848), and the coordinator of group '{_settings.GroupId}' (broker {_coordinatorNode}) answered it with UNSUPPORTED_VERSION{(string.IsNullOrEmpty(message) ? "" : $" ({message})")}: the cluster does not support the consumer group protocol yet. Set group.protocol=classic until the cluster is upgraded."));
            case ErrorCode.GroupAuthorizationFailed:
                throw SetFatal(new KafkaException(error, $"Not authorized to join group '{_settings.GroupId}' (GROUP_AUTHORIZATION_FAILED): the principal needs READ on the group."));
            case ErrorCode.UnreleasedInstanceId:
                throw SetFatal(new KafkaException(error,
                    $"Group '{_settings.GroupId}' refused group.instance.id '{_settings.GroupInstanceId}' (UNRELEASED_INSTANCE_ID): another member with this static id is still in the group; it must leave (or its session time out) first. {message}"));
            case ErrorCode.FencedInstanceId:
                throw SetFatal(new KafkaException(error,
                    $"This consumer was fenced from group '{_settings.GroupId}' (FENCED_INSTANCE_ID): another consumer joined with the same group.instance.id '{_settings.GroupInstanceId}'. {message}"));
            case ErrorCode.GroupMaxSizeReached:
                throw SetFatal(new KafkaException(error, $"Group '{_settings.GroupId}' is full (GROUP_MAX_SIZE_REACHED: the broker's group.consumer.max.size). {message}"));
            case ErrorCode.UnsupportedAssignor:
                throw SetFatal(new KafkaException(error, $"The coordinator of group '{_settings.GroupId}' has no assignor '{_settings.RemoteAssignor}' (UNSUPPORTED_ASSIGNOR); check group.remote.assignor. {message}"));
            default:
                // Java's default: an error the protocol does not list for this API is fatal too (INVALID_REQUEST, INVALID_REGULAR_EXPRESSION...).
                throw SetFatal(new KafkaException(error, $"ConsumerGroupHeartbeat for group '{_settings.GroupId}' failed: {error}: {message ?? error.Describe()}"));
        }
    }

    /// <summary>Records a fatal error (raised by consume and commit from then on) and wakes the consume loop.</summary>
    private KafkaException SetFatal(KafkaException error)
    {
        lock (_sync)
        {
            Fatal ??= error;
            LogMessages.LogMemberFatal(_logger, _settings.GroupId, error.Error, error.Message);
            ResetReconciliation();
        }

        Signal.Set();
        _responded.Set();
        return Fatal;
    }

    /// <summary>
    /// As Java: a member whose application stopped asking for records leaves (so the coordinator reassigns its
    /// partitions at once), considers them lost, and joins again with epoch 0 at the next consume.
    /// </summary>
    private async Task LeaveOnPollTimeoutAsync(long idle, CancellationToken cancellationToken)
    {
        LogMessages.LogPollTimeout(_logger, _settings.GroupId, idle, _settings.RebalanceTimeoutMs);
        await LeaveAsync("consumer poll timeout has expired", cancellationToken).ConfigureAwait(false);
        lock (_sync)
        {
            _partitionsLost = true;
            _rejoinNeeded = true;
        }

        Signal.Set();
    }

    /// <summary>Leaves the group with epoch -1, or -2 for a static member (its assignment is kept for its return until its session times out).</summary>
    public async Task LeaveAsync(string reason, CancellationToken cancellationToken)
    {
        int epoch;
        lock (_sync)
        {
            epoch = Volatile.Read(ref _epoch);
            _joined = false;
            ResetReconciliation();
        }

        if (epoch <= 0 || Fatal is not null)
        {
            return;
        }

        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ConsumerGroupHeartbeatResponse response = await _coordinator.SendAsync(
                _ => new ConsumerGroupHeartbeatRequest
                {
                    GroupId = _settings.GroupId,
                    MemberId = MemberId,
                    MemberEpoch = _settings.GroupInstanceId is null ? LeaveEpoch : StaticLeaveEpoch,
                    InstanceId = _settings.GroupInstanceId,
                },
                r => (ErrorCode)r.ErrorCode, cancellationToken).ConfigureAwait(false);
            if ((ErrorCode)response.ErrorCode is not ErrorCode.None and var error)
            {
                LogMessages.LogLeaveFailed(_logger, _settings.GroupId, $"{error}: {response.ErrorMessage}");
            }
            else
            {
                LogMessages.LogLeft(_logger, _settings.GroupId, MemberId, reason);
            }
        }
        catch (KafkaException e)
        {
            LogMessages.LogLeaveFailed(_logger, _settings.GroupId, e.Message);
        }
        finally
        {
            Volatile.Write(ref _epoch, 0);
            _sent.Reset();
            _sending.Release();
        }
    }
}
