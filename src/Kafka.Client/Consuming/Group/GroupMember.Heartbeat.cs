using Kafka.Client.Diagnostics;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Consuming;

/// <summary>Heartbeats on a background timer, <c>max.poll.interval.ms</c>, and leaving the group.</summary>
internal sealed partial class GroupMember
{
    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var interval = TimeSpan.FromMilliseconds(Math.Max(1, _settings.HeartbeatIntervalMs));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                if (!_stable || Fatal is not null)
                {
                    continue;
                }

                long idle = Environment.TickCount64 - Volatile.Read(ref _lastPoll);
                if (idle > _settings.RebalanceTimeoutMs)
                {
                    // As the Java client: a consumer that stops asking for records leaves, so its partitions go to others.
                    LogMessages.LogPollTimeout(_logger, _settings.GroupId, idle, _settings.RebalanceTimeoutMs);
                    await LeaveAsync("consumer poll timeout has expired", cancellationToken).ConfigureAwait(false);
                    ResetGeneration(forgetMemberId: _settings.GroupInstanceId is null);
                    continue;
                }

                await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The heartbeat loop must outlive any failure; it logs and tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogMessages.LogHeartbeatFailed(_logger, _settings.GroupId, e.Message);
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        int generation = GenerationId;
        string memberId = MemberId;
        HeartbeatResponse response = await _coordinator.SendAsync(
            _ => new HeartbeatRequest { GroupId = _settings.GroupId, GenerationId = generation, MemberId = memberId, GroupInstanceId = _settings.GroupInstanceId },
            r => (ErrorCode)r.ErrorCode, cancellationToken).ConfigureAwait(false);
        if (!_stable || generation != GenerationId)
        {
            return; // a rebalance started meanwhile; this answer is about the old generation
        }

        switch ((ErrorCode)response.ErrorCode)
        {
            case ErrorCode.None:
                return;
            case ErrorCode.RebalanceInProgress:
                LogMessages.LogRebalance(_logger, _settings.GroupId);
                _stable = false;
                RequestRejoin();
                return;
            case ErrorCode.IllegalGeneration:
                ResetGeneration(forgetMemberId: false);
                return;
            case ErrorCode.UnknownMemberId:
                ResetGeneration(forgetMemberId: true);
                return;
            case ErrorCode.FencedInstanceId:
                Fence("Heartbeat");
                return;
            case var error:
                throw new KafkaException(error, $"Heartbeat to group '{_settings.GroupId}' failed: {error}.");
        }
    }

    /// <summary>Leaves the group (dynamic members only: a static member's place is kept until its session times out, KIP-345).</summary>
    public async Task LeaveAsync(string reason, CancellationToken cancellationToken)
    {
        _stable = false;
        if (_settings.GroupInstanceId is not null || string.IsNullOrEmpty(MemberId))
        {
            return;
        }

        string memberId = MemberId;
        try
        {
            await _coordinator.SendAsync(
                c => c.VersionFor(ApiKey.LeaveGroup) >= LeaveGroupVersions.Members
                    ? new LeaveGroupRequest { GroupId = _settings.GroupId, Members = [new LeaveGroupRequest.MemberIdentity { MemberId = memberId, Reason = reason }] }
                    : new LeaveGroupRequest { GroupId = _settings.GroupId, MemberId = memberId },
                r => (ErrorCode)r.ErrorCode, cancellationToken).ConfigureAwait(false);
            LogMessages.LogLeft(_logger, _settings.GroupId, memberId, reason);
        }
        catch (KafkaException e)
        {
            LogMessages.LogLeaveFailed(_logger, _settings.GroupId, e.Message);
        }
    }
}
