// Codes and retriability from Apache Kafka 4.0: clients/src/main/java/org/apache/kafka/common/protocol/Errors.java
// and the exception classes in org.apache.kafka.common.errors (a code is retriable when its exception class
// extends RetriableException, directly or through InvalidMetadataException). Descriptions are paraphrased.
using System.Globalization;

namespace Kafka.Client.Protocol;

/// <summary>Retriability and human-readable descriptions for <see cref="ErrorCode"/> values.</summary>
/// <remarks>
/// Both methods are plain switches (no reflection), so they are safe under trimming and NativeAOT. A value outside
/// the known codes (for example one added by a newer broker) is not retriable and is described as unknown.
/// </remarks>
public static class ErrorCodeExtensions
{
    /// <summary>
    /// Whether the error is transient, so that the same request may succeed if retried (possibly after refreshing
    /// metadata or finding the coordinator again). True exactly for the codes whose Kafka exception class extends
    /// <c>RetriableException</c>; false for <see cref="ErrorCode.None"/> and for unknown codes.
    /// </summary>
    /// <param name="code">The error code.</param>
    /// <returns><see langword="true"/> when the operation may be retried.</returns>
    public static bool IsRetriable(this ErrorCode code) => code switch
    {
        ErrorCode.CorruptMessage
            or ErrorCode.UnknownTopicOrPartition
            or ErrorCode.LeaderNotAvailable
            or ErrorCode.NotLeaderOrFollower
            or ErrorCode.RequestTimedOut
            or ErrorCode.ReplicaNotAvailable
            or ErrorCode.NetworkException
            or ErrorCode.CoordinatorLoadInProgress
            or ErrorCode.CoordinatorNotAvailable
            or ErrorCode.NotCoordinator
            or ErrorCode.NotEnoughReplicas
            or ErrorCode.NotEnoughReplicasAfterAppend
            or ErrorCode.NotController
            or ErrorCode.ConcurrentTransactions
            or ErrorCode.KafkaStorageError
            or ErrorCode.FetchSessionIdNotFound
            or ErrorCode.InvalidFetchSessionEpoch
            or ErrorCode.ListenerNotFound
            or ErrorCode.FencedLeaderEpoch
            or ErrorCode.UnknownLeaderEpoch
            or ErrorCode.OffsetNotAvailable
            or ErrorCode.PreferredLeaderNotAvailable
            or ErrorCode.EligibleLeadersNotAvailable
            or ErrorCode.ElectionNotNeeded
            or ErrorCode.UnstableOffsetCommit
            or ErrorCode.ThrottlingQuotaExceeded
            or ErrorCode.UnknownTopicId
            or ErrorCode.InconsistentTopicId
            or ErrorCode.FetchSessionTopicIdError
            or ErrorCode.ShareSessionNotFound
            or ErrorCode.InvalidShareSessionEpoch => true,
        _ => false,
    };

    /// <summary>A short human-readable description of the error code.</summary>
    /// <param name="code">The error code.</param>
    /// <returns>The description, or <c>Unknown error code N</c> for a value Kafka 4.0 does not define.</returns>
    public static string Describe(this ErrorCode code) => code switch
    {
        ErrorCode.UnknownServerError => "The broker hit an unexpected failure while handling the request.",
        ErrorCode.None => "No error; the operation succeeded.",
        ErrorCode.OffsetOutOfRange => "The requested offset lies outside the range of offsets the broker holds for the partition.",
        ErrorCode.CorruptMessage => "A record failed its CRC check, is oversized, has a null key on a compacted topic or is otherwise malformed.",
        ErrorCode.UnknownTopicOrPartition => "The broker does not host the requested topic or partition.",
        ErrorCode.InvalidFetchSize => "The fetch size given in the request is not valid.",
        ErrorCode.LeaderNotAvailable => "The partition has no leader at the moment, typically because a leader election is under way.",
        ErrorCode.NotLeaderOrFollower => "The broker is not the partition leader (for leader-only requests) or not a replica of the partition at all.",
        ErrorCode.RequestTimedOut => "The request did not complete within its time limit.",
        ErrorCode.BrokerNotAvailable => "The broker cannot be reached or is not available.",
        ErrorCode.ReplicaNotAvailable => "The replica for the requested partition is not available on this broker.",
        ErrorCode.MessageTooLarge => "A record in the request exceeds the largest message size the broker accepts.",
        ErrorCode.StaleControllerEpoch => "The request carried an old controller epoch; the controller has moved elsewhere.",
        ErrorCode.OffsetMetadataTooLarge => "The metadata string attached to an offset commit is longer than allowed.",
        ErrorCode.NetworkException => "The connection to the server closed before a response arrived.",
        ErrorCode.CoordinatorLoadInProgress => "The coordinator is still loading its state and cannot serve requests yet.",
        ErrorCode.CoordinatorNotAvailable => "No coordinator is currently available for the group or transactional ID.",
        ErrorCode.NotCoordinator => "The broker contacted is not the coordinator for this group or transactional ID.",
        ErrorCode.InvalidTopicException => "The request referred to a topic that is not valid (for example a bad name or an internal topic).",
        ErrorCode.RecordListTooLarge => "A record batch in the request is larger than the segment size configured on the broker.",
        ErrorCode.NotEnoughReplicas => "The write was refused because fewer in-sync replicas exist than the topic requires.",
        ErrorCode.NotEnoughReplicasAfterAppend => "The records were appended, but fewer in-sync replicas than required acknowledged them.",
        ErrorCode.InvalidRequiredAcks => "The produce request asked for an acks value the broker does not allow.",
        ErrorCode.IllegalGeneration => "The group generation ID supplied is not the current one.",
        ErrorCode.InconsistentGroupProtocol => "The member's protocols do not match those of the group, or the first member joined with no protocol type or list.",
        ErrorCode.InvalidGroupId => "The group ID supplied is not valid.",
        ErrorCode.UnknownMemberId => "The coordinator does not recognise this member ID.",
        ErrorCode.InvalidSessionTimeout => "The session timeout falls outside the range the broker permits (group.min/max.session.timeout.ms).",
        ErrorCode.RebalanceInProgress => "The group is rebalancing, so the member needs to rejoin.",
        ErrorCode.InvalidCommitOffsetSize => "The size of the offset commit data is not valid.",
        ErrorCode.TopicAuthorizationFailed => "The client is not authorized to access the topic.",
        ErrorCode.GroupAuthorizationFailed => "The client is not authorized to access the group.",
        ErrorCode.ClusterAuthorizationFailed => "The client is not authorized to perform this cluster-level operation.",
        ErrorCode.InvalidTimestamp => "A record timestamp is outside the range the broker accepts.",
        ErrorCode.UnsupportedSaslMechanism => "The broker does not support the SASL mechanism the client asked for.",
        ErrorCode.IllegalSaslState => "The request is not allowed in the current state of the SASL exchange.",
        ErrorCode.UnsupportedVersion => "The broker does not support this version of the API.",
        ErrorCode.TopicAlreadyExists => "A topic with this name exists already.",
        ErrorCode.InvalidPartitions => "The requested number of partitions is not valid (for example below 1).",
        ErrorCode.InvalidReplicationFactor => "The replication factor is below 1 or exceeds the number of available brokers.",
        ErrorCode.InvalidReplicaAssignment => "The replica assignment supplied is not valid.",
        ErrorCode.InvalidConfig => "The configuration supplied is not valid.",
        ErrorCode.NotController => "The broker contacted is not the active controller of the cluster.",
        ErrorCode.InvalidRequest => "The request was malformed, or sent to a broker that cannot understand it; the broker log has details.",
        ErrorCode.UnsupportedForMessageFormat => "The broker's message format version cannot support this request.",
        ErrorCode.PolicyViolation => "The request parameters break a policy configured on the broker.",
        ErrorCode.OutOfOrderSequenceNumber => "The broker got a producer sequence number that is out of order.",
        ErrorCode.DuplicateSequenceNumber => "The broker got a producer sequence number it has already seen.",
        ErrorCode.InvalidProducerEpoch => "The producer used an epoch that is older than the current one.",
        ErrorCode.InvalidTxnState => "The transactional operation is not allowed in the transaction's current state.",
        ErrorCode.InvalidProducerIdMapping => "The producer ID used is not the one currently assigned to the transactional ID.",
        ErrorCode.InvalidTransactionTimeout => "The transaction timeout exceeds the broker maximum (transaction.max.timeout.ms).",
        ErrorCode.ConcurrentTransactions => "Another operation on the same transaction was still in progress when this update was attempted.",
        ErrorCode.TransactionCoordinatorFenced => "The transaction coordinator that sent the marker is no longer the coordinator for the producer.",
        ErrorCode.TransactionalIdAuthorizationFailed => "The client is not authorized to use the transactional ID.",
        ErrorCode.SecurityDisabled => "Security features are turned off on the broker.",
        ErrorCode.OperationNotAttempted => "The broker skipped this operation, usually because another part of a batched request failed.",
        ErrorCode.KafkaStorageError => "The broker hit a disk error while accessing a log file.",
        ErrorCode.LogDirNotFound => "The log directory named in the request is not configured on the broker.",
        ErrorCode.SaslAuthenticationFailed => "SASL authentication did not succeed.",
        ErrorCode.UnknownProducerId => "The broker holds no state for the producer ID, for example because its records were removed by retention.",
        ErrorCode.ReassignmentInProgress => "A partition reassignment is currently running.",
        ErrorCode.DelegationTokenAuthDisabled => "Delegation tokens are not enabled on the broker.",
        ErrorCode.DelegationTokenNotFound => "The broker does not know the delegation token.",
        ErrorCode.DelegationTokenOwnerMismatch => "The principal given is not a valid owner or renewer of the token.",
        ErrorCode.DelegationTokenRequestNotAllowed => "Delegation token requests are refused on PLAINTEXT or one-way SSL connections and on token-authenticated connections.",
        ErrorCode.DelegationTokenAuthorizationFailed => "The client is not authorized for this delegation token operation.",
        ErrorCode.DelegationTokenExpired => "The delegation token has expired.",
        ErrorCode.InvalidPrincipalType => "The principal type supplied is not supported.",
        ErrorCode.NonEmptyGroup => "The operation needs an empty group, but the group still has members.",
        ErrorCode.GroupIdNotFound => "No group with this ID exists.",
        ErrorCode.FetchSessionIdNotFound => "The broker has no fetch session with the given ID.",
        ErrorCode.InvalidFetchSessionEpoch => "The fetch session epoch in the request is not the expected one.",
        ErrorCode.ListenerNotFound => "The partition leader has no listener matching the one the metadata request arrived on.",
        ErrorCode.TopicDeletionDisabled => "Deleting topics is disabled on the cluster.",
        ErrorCode.FencedLeaderEpoch => "The leader epoch in the request is older than the broker's.",
        ErrorCode.UnknownLeaderEpoch => "The leader epoch in the request is newer than the broker's.",
        ErrorCode.UnsupportedCompressionType => "The client cannot handle the compression type used by the partition.",
        ErrorCode.StaleBrokerEpoch => "The broker epoch in the request is out of date.",
        ErrorCode.OffsetNotAvailable => "The new leader's high watermark has not caught up yet, so offsets cannot be served safely.",
        ErrorCode.MemberIdRequired => "The member must obtain a member ID before it can join the group.",
        ErrorCode.PreferredLeaderNotAvailable => "The preferred leader of the partition is not available.",
        ErrorCode.GroupMaxSizeReached => "The group already holds the largest number of members allowed.",
        ErrorCode.FencedInstanceId => "Another member registered the same group.instance.id with a different member ID, fencing this static member.",
        ErrorCode.EligibleLeadersNotAvailable => "No replica eligible to become partition leader is available.",
        ErrorCode.ElectionNotNeeded => "The partition needs no leader election.",
        ErrorCode.NoReassignmentInProgress => "There is no partition reassignment running.",
        ErrorCode.GroupSubscribedToTopic => "Offsets of a topic cannot be deleted while the group is still subscribed to it.",
        ErrorCode.InvalidRecord => "The broker rejected a record that failed its validation.",
        ErrorCode.UnstableOffsetCommit => "Pending transactional offsets must be resolved before the committed offsets can be read.",
        ErrorCode.ThrottlingQuotaExceeded => "The request exceeded the throttling quota.",
        ErrorCode.ProducerFenced => "A newer producer with the same transactional ID has fenced this one.",
        ErrorCode.ResourceNotFound => "The request referred to a resource that does not exist.",
        ErrorCode.DuplicateResource => "The request referred to the same resource more than once.",
        ErrorCode.UnacceptableCredential => "The requested credential does not meet the acceptance criteria.",
        ErrorCode.InconsistentVoterSet => "The sender or receiver of a voter-only request is not among the expected voters.",
        ErrorCode.InvalidUpdateVersion => "The update version supplied is not valid.",
        ErrorCode.FeatureUpdateFailed => "Updating the finalized features failed because of an unexpected server error.",
        ErrorCode.PrincipalDeserializationFailure => "The request principal could not be deserialized when forwarded, pointing to a broker security setup problem.",
        ErrorCode.SnapshotNotFound => "The requested snapshot does not exist.",
        ErrorCode.PositionOutOfRange => "The requested position is negative or beyond the end of the snapshot.",
        ErrorCode.UnknownTopicId => "The broker does not host a topic with this topic ID.",
        ErrorCode.DuplicateBrokerRegistration => "The broker ID is already in use by another registration.",
        ErrorCode.BrokerIdNotRegistered => "The broker ID has not been registered.",
        ErrorCode.InconsistentTopicId => "The topic ID in the request differs from the topic ID of the log.",
        ErrorCode.InconsistentClusterId => "The cluster ID in the request differs from the one on the server.",
        ErrorCode.TransactionalIdNotFound => "The transactional ID does not exist.",
        ErrorCode.FetchSessionTopicIdError => "The fetch session used topic IDs inconsistently.",
        ErrorCode.IneligibleReplica => "The proposed ISR includes at least one replica that is not eligible.",
        ErrorCode.NewLeaderElected => "The AlterPartition change was applied, but the partition leader changed meanwhile.",
        ErrorCode.OffsetMovedToTieredStorage => "The requested offset now lives in tiered storage.",
        ErrorCode.FencedMemberEpoch => "The group coordinator fenced the member epoch; the member must give up its partitions and rejoin.",
        ErrorCode.UnreleasedInstanceId => "Another member of the consumer group still holds this instance ID and must leave first.",
        ErrorCode.UnsupportedAssignor => "The consumer group does not support the assignor or its version range.",
        ErrorCode.StaleMemberEpoch => "The member epoch is out of date; retry once the ConsumerGroupHeartbeat API returns the new epoch.",
        ErrorCode.MismatchedEndpointType => "The request went to an endpoint of the wrong type.",
        ErrorCode.UnsupportedEndpointType => "The endpoint type is not supported yet.",
        ErrorCode.UnknownControllerId => "The controller ID is not known.",
        ErrorCode.UnknownSubscriptionId => "The telemetry push used a subscription ID that is unknown or out of date.",
        ErrorCode.TelemetryTooLarge => "The telemetry push is larger than the broker accepts.",
        ErrorCode.InvalidRegistration => "The controller judged the broker registration to be invalid.",
        ErrorCode.TransactionAbortable => "The transaction hit a server-side error; aborting it lets the transactional ID be used again.",
        ErrorCode.InvalidRecordState => "The record is in a state that does not allow the delivery acknowledgement.",
        ErrorCode.ShareSessionNotFound => "The broker has no such share session.",
        ErrorCode.InvalidShareSessionEpoch => "The share session epoch in the request is not the expected one.",
        ErrorCode.FencedStateEpoch => "The share coordinator refused the request because the share-group state epoch did not match.",
        ErrorCode.InvalidVoterKey => "The voter key does not match the key of the receiving replica.",
        ErrorCode.DuplicateVoter => "The voter already belongs to the voter set.",
        ErrorCode.VoterNotFound => "The voter does not belong to the voter set.",
        ErrorCode.InvalidRegularExpression => "The regular expression supplied is not valid.",
        ErrorCode.RebootstrapRequired => "The client's metadata is stale; it should rebootstrap to obtain fresh metadata.",
        _ => string.Create(CultureInfo.InvariantCulture, $"Unknown error code {(short)code}"),
    };
}
