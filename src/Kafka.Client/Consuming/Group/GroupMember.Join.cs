using Kafka.Client.Consuming.Assignment;
using Kafka.Client.Diagnostics;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Consuming;

/// <summary>JoinGroup and SyncGroup, and the leader's assignment.</summary>
internal sealed partial class GroupMember
{
    private const string ConsumerProtocolType = "consumer";

    /// <summary>
    /// Joins the group with this subscription and waits for this member's assignment, retrying what can be retried
    /// (new member id, coordinator moved, rebalance restarted) until <paramref name="cancellationToken"/> ends.
    /// </summary>
    /// <exception cref="KafkaException">A fatal group error: fenced static member, inconsistent protocols, bad session timeout, no authorization.</exception>
    public async Task<GroupAssignmentResult?> JoinAndSyncAsync(IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> owned, CancellationToken cancellationToken)
    {
        _stable = false;
        int attempt = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                GroupAssignmentResult? result = await TryJoinAndSyncAsync(topics, owned, cancellationToken).ConfigureAwait(false);
                if (result is not null)
                {
                    return result;
                }

                attempt = 0;
            }
            catch (KafkaException e) when (e.IsRetriable)
            {
                LogMessages.LogJoinRetry(_logger, _settings.GroupId, e.Message);
                double backoff = Math.Min(_settings.RetryBackoff.TotalMilliseconds * Math.Pow(2, attempt++), 1_000);
                await Task.Delay(TimeSpan.FromMilliseconds(backoff * (0.8 + (0.4 * Random.Shared.NextDouble()))), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <returns>The assignment, or null when the member must simply join again (new member id, rebalance restarted).</returns>
    private async Task<GroupAssignmentResult?> TryJoinAndSyncAsync(IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> owned, CancellationToken cancellationToken)
    {
        var join = new JoinGroupRequest
        {
            GroupId = _settings.GroupId,
            SessionTimeoutMs = _settings.SessionTimeoutMs,
            RebalanceTimeoutMs = _settings.RebalanceTimeoutMs,
            MemberId = MemberId,
            GroupInstanceId = _settings.GroupInstanceId,
            ProtocolType = ConsumerProtocolType,
        };
        foreach (IPartitionAssignor assignor in _settings.Assignors)
        {
            ReadOnlyMemory<byte> userData = assignor.GetSubscriptionUserData(topics, owned, GenerationId);
            join.Protocols.Add(new JoinGroupRequest.JoinGroupRequestProtocol
            {
                Name = assignor.Name,
                Metadata = ConsumerProtocol.EncodeSubscription(topics, userData, owned, GenerationId, string.IsNullOrEmpty(_settings.RackId) ? null : _settings.RackId),
            });
        }

        JoinGroupResponse joined = await _coordinator.SendAsync(_ => join, r => (ErrorCode)r.ErrorCode, cancellationToken, _settings.JoinTimeout).ConfigureAwait(false);
        if ((ErrorCode)joined.ErrorCode == ErrorCode.MemberIdRequired)
        {
            MemberId = joined.MemberId; // KIP-394: join again with the id the coordinator gave
            return null;
        }

        if (MustJoinAgain((ErrorCode)joined.ErrorCode, "JoinGroup"))
        {
            return null;
        }

        MemberId = joined.MemberId;
        int generation = joined.GenerationId;
        IPartitionAssignor chosen = _settings.Assignors.FirstOrDefault(a => a.Name == joined.ProtocolName)
            ?? throw new KafkaException(ErrorCode.InconsistentGroupProtocol, $"Group '{_settings.GroupId}' chose assignor '{joined.ProtocolName}', which this consumer did not offer.");
        var sync = new SyncGroupRequest
        {
            GroupId = _settings.GroupId,
            GenerationId = generation,
            MemberId = MemberId,
            GroupInstanceId = _settings.GroupInstanceId,
            ProtocolType = ConsumerProtocolType,
            ProtocolName = chosen.Name,
        };
        IReadOnlyDictionary<string, int>? counts = null;
        if (joined.Leader == MemberId && !joined.SkipAssignment)
        {
            counts = await AssignAsLeaderAsync(chosen, joined, sync, cancellationToken).ConfigureAwait(false);
        }

        SyncGroupResponse synced = await _coordinator.SendAsync(_ => sync, r => (ErrorCode)r.ErrorCode, cancellationToken, _settings.JoinTimeout).ConfigureAwait(false);
        if (RejoinsAfterSyncError((ErrorCode)synced.ErrorCode))
        {
            // The round failed for this member, not the member for the group: librdkafka rejoins on any SyncGroup
            // error (rd_kafka_cgrp_handle_SyncGroup_memberstate) and Java requests a rejoin before raising it. Seen with
            // librdkafka's mock, which answers a SyncGroup that comes after the leader's with InvalidRequest.
            LogMessages.LogSyncRetry(_logger, _settings.GroupId, (ErrorCode)synced.ErrorCode);
            await Task.Delay(_settings.RetryBackoff, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (MustJoinAgain((ErrorCode)synced.ErrorCode, "SyncGroup"))
        {
            return null;
        }

        MemberAssignment assignment = synced.Assignment.IsEmpty ? new MemberAssignment([]) : ConsumerProtocol.DecodeAssignment(synced.Assignment.Span);
        GenerationId = generation;
        _rejoinNeeded = false;
        _partitionsLost = false; // a loss noticed while this join was in flight is superseded by the new assignment
        _stable = true;
        Polled();
        LogMessages.LogJoined(_logger, _settings.GroupId, MemberId, generation, chosen.Name, assignment.Partitions.Count);
        chosen.OnAssignment(assignment, generation);
        return new GroupAssignmentResult(generation, assignment.Partitions, counts);
    }

    private async Task<IReadOnlyDictionary<string, int>> AssignAsLeaderAsync(IPartitionAssignor assignor, JoinGroupResponse joined, SyncGroupRequest sync, CancellationToken cancellationToken)
    {
        List<GroupMemberSubscription> members = GroupAssignmentRunner.DecodeSubscriptions(joined.Members);
        IReadOnlyDictionary<string, int> counts = await PartitionCountsAsync(GroupAssignmentRunner.SubscribedTopics(members), cancellationToken).ConfigureAwait(false);
        foreach (var (memberId, bytes) in GroupAssignmentRunner.Run(joined.Members, assignor, counts))
        {
            sync.Assignments.Add(new SyncGroupRequest.SyncGroupRequestAssignment { MemberId = memberId, Assignment = bytes });
        }

        return counts;
    }

    /// <summary>The partition counts of the topics, from fresh metadata; topics that don't exist are left out.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PartitionCountsAsync(IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        await _cluster.RefreshAsync(topics, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string topic in topics)
        {
            if (_cluster.TryGetTopic(topic) is { Error: ErrorCode.None } metadata && metadata.Partitions.Length > 0)
            {
                counts[topic] = metadata.Partitions.Length;
            }
        }

        return counts;
    }

    /// <summary>True when a JoinGroup or SyncGroup error means joining again now; fatal errors throw.</summary>
    private bool MustJoinAgain(ErrorCode error, string api)
    {
        switch (error)
        {
            case ErrorCode.None:
                return false;
            case ErrorCode.UnknownMemberId:
                MemberId = "";
                return true;
            case ErrorCode.IllegalGeneration or ErrorCode.RebalanceInProgress:
                return true;
            case ErrorCode.FencedInstanceId:
                throw Fence(api);
            default:
                throw GroupError(error, api);
        }
    }

    /// <summary>
    /// A SyncGroup error after which the member joins again: any that is not retried where it is sent, not one of the
    /// rejoin errors <see cref="MustJoinAgain"/> handles, and not one no rejoin can fix (authorization, fencing, protocols).
    /// </summary>
    private static bool RejoinsAfterSyncError(ErrorCode error) => error is not (ErrorCode.None
        or ErrorCode.UnknownMemberId or ErrorCode.IllegalGeneration or ErrorCode.RebalanceInProgress
        or ErrorCode.FencedInstanceId or ErrorCode.GroupAuthorizationFailed or ErrorCode.InconsistentGroupProtocol
        or ErrorCode.UnsupportedVersion) && !error.IsRetriable();

    private KafkaException GroupError(ErrorCode error, string api) => error.IsRetriable()
        ? new KafkaException(error, $"{api} for group '{_settings.GroupId}' failed: {error} (retrying).")
        : new KafkaException(error, $"{api} for group '{_settings.GroupId}' failed: {error}: {error.Describe()}");
}
