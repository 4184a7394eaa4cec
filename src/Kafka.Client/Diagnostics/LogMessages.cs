using Kafka.Client.Protocol;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Diagnostics;

/// <summary>
/// Every log message of the client with its event id, in one place so ids stay unique and users can filter them
/// (the README's logging section lists them). Ids are grouped by layer: 100 network, 200 cluster metadata,
/// 300 fetching, 400 group membership, 500 consumer, 600 producer.
/// </summary>
internal static partial class LogMessages
{
    // Network (100–199)
    [LoggerMessage(100, LogLevel.Debug, "Connection to {Address} (node {NodeId}) closed: {Reason}")]
    internal static partial void LogClosed(ILogger logger, string address, int nodeId, string reason);

    // Cluster metadata (200–299)
    [LoggerMessage(200, LogLevel.Debug, "Metadata refresh failed: {Reason}")]
    internal static partial void LogRefreshFailed(ILogger logger, string reason);

    // Fetching (300–399)
    [LoggerMessage(300, LogLevel.Debug, "Finding consumer positions failed, retrying: {Reason}")]
    internal static partial void LogPositionLookupFailed(ILogger logger, string reason);

    [LoggerMessage(301, LogLevel.Debug, "Fetch from broker {NodeId} failed, retrying: {Reason}")]
    internal static partial void LogFetchFailed(ILogger logger, int nodeId, string reason);

    [LoggerMessage(302, LogLevel.Information, "Fetch offset {Offset} of {Partition} is out of range; resetting the position")]
    internal static partial void LogOutOfRange(ILogger logger, long offset, string partition);

    [LoggerMessage(303, LogLevel.Debug, "Fetching {Partition} from broker {NodeId} failed with {Error}; refreshing metadata")]
    internal static partial void LogPartitionError(ILogger logger, string partition, int nodeId, string error);

    // Group membership (400–499)
    [LoggerMessage(400, LogLevel.Debug, "Group '{GroupId}' coordinator is broker {NodeId} at {Address}")]
    internal static partial void LogCoordinator(ILogger logger, string groupId, int nodeId, string address);

    [LoggerMessage(401, LogLevel.Debug, "Joining group '{GroupId}' failed, retrying: {Reason}")]
    internal static partial void LogJoinRetry(ILogger logger, string groupId, string reason);

    [LoggerMessage(402, LogLevel.Information, "Joined group '{GroupId}' as {MemberId} in generation {Generation} with assignor {Assignor}: {Count} partitions")]
    internal static partial void LogJoined(ILogger logger, string groupId, string memberId, int generation, string assignor, int count);

    [LoggerMessage(403, LogLevel.Warning, "SyncGroup for group '{GroupId}' failed with {Error}; joining again")]
    internal static partial void LogSyncRetry(ILogger logger, string groupId, ErrorCode error);

    [LoggerMessage(410, LogLevel.Debug, "Heartbeat to group '{GroupId}' failed: {Reason}")]
    internal static partial void LogHeartbeatFailed(ILogger logger, string groupId, string reason);

    [LoggerMessage(411, LogLevel.Information, "Group '{GroupId}' is rebalancing")]
    internal static partial void LogRebalance(ILogger logger, string groupId);

    [LoggerMessage(412, LogLevel.Warning, "Leaving group '{GroupId}': the application did not ask for records for {Idle} ms (max.poll.interval.ms is {Max})")]
    internal static partial void LogPollTimeout(ILogger logger, string groupId, long idle, int max);

    [LoggerMessage(413, LogLevel.Information, "Left group '{GroupId}' as {MemberId}: {Reason}")]
    internal static partial void LogLeft(ILogger logger, string groupId, string memberId, string reason);

    [LoggerMessage(414, LogLevel.Debug, "Leaving group '{GroupId}' failed: {Reason}")]
    internal static partial void LogLeaveFailed(ILogger logger, string groupId, string reason);

    [LoggerMessage(420, LogLevel.Information, "Group '{GroupId}' (consumer protocol): member {MemberId} at epoch {Epoch}, heartbeat every {Interval} ms")]
    internal static partial void LogMemberEpoch(ILogger logger, string groupId, string memberId, int epoch, int interval);

    [LoggerMessage(421, LogLevel.Information, "Group '{GroupId}' (consumer protocol): member {MemberId} at epoch {Epoch} was fenced ({Error}); its partitions are lost and it joins again")]
    internal static partial void LogMemberFenced(ILogger logger, string groupId, string memberId, int epoch, ErrorCode error);

    [LoggerMessage(422, LogLevel.Error, "Group '{GroupId}' (consumer protocol): heartbeat failed fatally with {Error}: {Reason}")]
    internal static partial void LogMemberFatal(ILogger logger, string groupId, ErrorCode error, string reason);

    [LoggerMessage(423, LogLevel.Debug, "Group '{GroupId}' (consumer protocol): the assignment names topic ids not in the metadata yet: {TopicIds}")]
    internal static partial void LogUnresolvedTopics(ILogger logger, string groupId, string topicIds);

    [LoggerMessage(424, LogLevel.Debug, "Group '{GroupId}' (consumer protocol): commit with epoch {Epoch} is stale; retrying after the next heartbeat")]
    internal static partial void LogStaleEpoch(ILogger logger, string groupId, int epoch);

    // Consumer (500–599)
    [LoggerMessage(500, LogLevel.Warning, "Closing the consumer cleanly failed: {Reason}")]
    internal static partial void LogCloseFailed(ILogger logger, string reason);

    [LoggerMessage(510, LogLevel.Information, "Group '{GroupId}' generation {Generation}: assigned [{Added}], revoked [{Revoked}]")]
    internal static partial void LogAssigned(ILogger logger, string groupId, int generation, string added, string revoked);

    [LoggerMessage(511, LogLevel.Error, "The partitions {What} handler failed")]
    internal static partial void LogHandlerFailed(ILogger logger, string what, Exception exception);

    [LoggerMessage(512, LogLevel.Information, "Pattern {Pattern} now matches topics [{Topics}]")]
    internal static partial void LogPatternChanged(ILogger logger, string pattern, string topics);

    [LoggerMessage(520, LogLevel.Warning, "Committing offsets automatically failed: {Reason}")]
    internal static partial void LogAutoCommitFailed(ILogger logger, string reason);

    // Producer (600–699)
    [LoggerMessage(600, LogLevel.Warning, "Producer sender: {Reason}")]
    internal static partial void LogSenderError(ILogger logger, string reason);

    [LoggerMessage(601, LogLevel.Warning, "Got error {Error} producing to {Partition}, {Decision}. {BrokerMessage}")]
    internal static partial void LogProduceError(ILogger logger, ErrorCode error, TopicPartition partition, string decision, string brokerMessage);

    [LoggerMessage(602, LogLevel.Information, "The transaction of '{TransactionalId}' left open was {Outcome}: the producer is being closed")]
    internal static partial void LogTransactionEndedOnClose(ILogger logger, string transactionalId, string outcome);

    [LoggerMessage(603, LogLevel.Warning, "Ending the open transaction of '{TransactionalId}' on close failed; the coordinator aborts it after transaction.timeout.ms: {Reason}")]
    internal static partial void LogTransactionEndOnCloseFailed(ILogger logger, string transactionalId, string reason);
}
