// Codes and retriability from Apache Kafka 4.0: clients/src/main/java/org/apache/kafka/common/protocol/Errors.java
// and the exception classes in org.apache.kafka.common.errors (a code is retriable when its exception class
// extends RetriableException, directly or through InvalidMetadataException). Descriptions are paraphrased.
namespace Kafka.Client.Protocol;

/// <summary>
/// An error code carried in Kafka protocol responses (an INT16 field), covering every code Apache Kafka 4.0 defines,
/// from <see cref="UnknownServerError"/> (-1) to <see cref="RebootstrapRequired"/> (129).
/// </summary>
/// <remarks>
/// Brokers may send codes newer than this list; such values are still representable as an <see cref="ErrorCode"/>
/// cast from <see cref="short"/>, and <see cref="ErrorCodeExtensions"/> treats them as non-retriable and unknown.
/// The member names are the PascalCase forms of the names in Kafka's <c>Errors</c> enum.
/// </remarks>
public enum ErrorCode : short
{
    /// <summary>The broker hit an unexpected failure while handling the request. (Kafka <c>UNKNOWN_SERVER_ERROR</c>.)</summary>
    UnknownServerError = -1,

    /// <summary>No error; the operation succeeded. (Kafka <c>NONE</c>.)</summary>
    None = 0,

    /// <summary>The requested offset lies outside the range of offsets the broker holds for the partition. (Kafka <c>OFFSET_OUT_OF_RANGE</c>.)</summary>
    OffsetOutOfRange = 1,

    /// <summary>A record failed its CRC check, is oversized, has a null key on a compacted topic or is otherwise malformed. (Kafka <c>CORRUPT_MESSAGE</c>.)</summary>
    CorruptMessage = 2,

    /// <summary>The broker does not host the requested topic or partition. (Kafka <c>UNKNOWN_TOPIC_OR_PARTITION</c>.)</summary>
    UnknownTopicOrPartition = 3,

    /// <summary>The fetch size given in the request is not valid. (Kafka <c>INVALID_FETCH_SIZE</c>.)</summary>
    InvalidFetchSize = 4,

    /// <summary>The partition has no leader at the moment, typically because a leader election is under way. (Kafka <c>LEADER_NOT_AVAILABLE</c>.)</summary>
    LeaderNotAvailable = 5,

    /// <summary>The broker is not the partition leader (for leader-only requests) or not a replica of the partition at all. (Kafka <c>NOT_LEADER_OR_FOLLOWER</c>.)</summary>
    NotLeaderOrFollower = 6,

    /// <summary>The request did not complete within its time limit. (Kafka <c>REQUEST_TIMED_OUT</c>.)</summary>
    RequestTimedOut = 7,

    /// <summary>The broker cannot be reached or is not available. (Kafka <c>BROKER_NOT_AVAILABLE</c>.)</summary>
    BrokerNotAvailable = 8,

    /// <summary>The replica for the requested partition is not available on this broker. (Kafka <c>REPLICA_NOT_AVAILABLE</c>.)</summary>
    ReplicaNotAvailable = 9,

    /// <summary>A record in the request exceeds the largest message size the broker accepts. (Kafka <c>MESSAGE_TOO_LARGE</c>.)</summary>
    MessageTooLarge = 10,

    /// <summary>The request carried an old controller epoch; the controller has moved elsewhere. (Kafka <c>STALE_CONTROLLER_EPOCH</c>.)</summary>
    StaleControllerEpoch = 11,

    /// <summary>The metadata string attached to an offset commit is longer than allowed. (Kafka <c>OFFSET_METADATA_TOO_LARGE</c>.)</summary>
    OffsetMetadataTooLarge = 12,

    /// <summary>The connection to the server closed before a response arrived. (Kafka <c>NETWORK_EXCEPTION</c>.)</summary>
    NetworkException = 13,

    /// <summary>The coordinator is still loading its state and cannot serve requests yet. (Kafka <c>COORDINATOR_LOAD_IN_PROGRESS</c>.)</summary>
    CoordinatorLoadInProgress = 14,

    /// <summary>No coordinator is currently available for the group or transactional ID. (Kafka <c>COORDINATOR_NOT_AVAILABLE</c>.)</summary>
    CoordinatorNotAvailable = 15,

    /// <summary>The broker contacted is not the coordinator for this group or transactional ID. (Kafka <c>NOT_COORDINATOR</c>.)</summary>
    NotCoordinator = 16,

    /// <summary>The request referred to a topic that is not valid (for example a bad name or an internal topic). (Kafka <c>INVALID_TOPIC_EXCEPTION</c>.)</summary>
    InvalidTopicException = 17,

    /// <summary>A record batch in the request is larger than the segment size configured on the broker. (Kafka <c>RECORD_LIST_TOO_LARGE</c>.)</summary>
    RecordListTooLarge = 18,

    /// <summary>The write was refused because fewer in-sync replicas exist than the topic requires. (Kafka <c>NOT_ENOUGH_REPLICAS</c>.)</summary>
    NotEnoughReplicas = 19,

    /// <summary>The records were appended, but fewer in-sync replicas than required acknowledged them. (Kafka <c>NOT_ENOUGH_REPLICAS_AFTER_APPEND</c>.)</summary>
    NotEnoughReplicasAfterAppend = 20,

    /// <summary>The produce request asked for an acks value the broker does not allow. (Kafka <c>INVALID_REQUIRED_ACKS</c>.)</summary>
    InvalidRequiredAcks = 21,

    /// <summary>The group generation ID supplied is not the current one. (Kafka <c>ILLEGAL_GENERATION</c>.)</summary>
    IllegalGeneration = 22,

    /// <summary>The member's protocols do not match those of the group, or the first member joined with no protocol type or list. (Kafka <c>INCONSISTENT_GROUP_PROTOCOL</c>.)</summary>
    InconsistentGroupProtocol = 23,

    /// <summary>The group ID supplied is not valid. (Kafka <c>INVALID_GROUP_ID</c>.)</summary>
    InvalidGroupId = 24,

    /// <summary>The coordinator does not recognise this member ID. (Kafka <c>UNKNOWN_MEMBER_ID</c>.)</summary>
    UnknownMemberId = 25,

    /// <summary>The session timeout falls outside the range the broker permits (group.min/max.session.timeout.ms). (Kafka <c>INVALID_SESSION_TIMEOUT</c>.)</summary>
    InvalidSessionTimeout = 26,

    /// <summary>The group is rebalancing, so the member needs to rejoin. (Kafka <c>REBALANCE_IN_PROGRESS</c>.)</summary>
    RebalanceInProgress = 27,

    /// <summary>The size of the offset commit data is not valid. (Kafka <c>INVALID_COMMIT_OFFSET_SIZE</c>.)</summary>
    InvalidCommitOffsetSize = 28,

    /// <summary>The client is not authorized to access the topic. (Kafka <c>TOPIC_AUTHORIZATION_FAILED</c>.)</summary>
    TopicAuthorizationFailed = 29,

    /// <summary>The client is not authorized to access the group. (Kafka <c>GROUP_AUTHORIZATION_FAILED</c>.)</summary>
    GroupAuthorizationFailed = 30,

    /// <summary>The client is not authorized to perform this cluster-level operation. (Kafka <c>CLUSTER_AUTHORIZATION_FAILED</c>.)</summary>
    ClusterAuthorizationFailed = 31,

    /// <summary>A record timestamp is outside the range the broker accepts. (Kafka <c>INVALID_TIMESTAMP</c>.)</summary>
    InvalidTimestamp = 32,

    /// <summary>The broker does not support the SASL mechanism the client asked for. (Kafka <c>UNSUPPORTED_SASL_MECHANISM</c>.)</summary>
    UnsupportedSaslMechanism = 33,

    /// <summary>The request is not allowed in the current state of the SASL exchange. (Kafka <c>ILLEGAL_SASL_STATE</c>.)</summary>
    IllegalSaslState = 34,

    /// <summary>The broker does not support this version of the API. (Kafka <c>UNSUPPORTED_VERSION</c>.)</summary>
    UnsupportedVersion = 35,

    /// <summary>A topic with this name exists already. (Kafka <c>TOPIC_ALREADY_EXISTS</c>.)</summary>
    TopicAlreadyExists = 36,

    /// <summary>The requested number of partitions is not valid (for example below 1). (Kafka <c>INVALID_PARTITIONS</c>.)</summary>
    InvalidPartitions = 37,

    /// <summary>The replication factor is below 1 or exceeds the number of available brokers. (Kafka <c>INVALID_REPLICATION_FACTOR</c>.)</summary>
    InvalidReplicationFactor = 38,

    /// <summary>The replica assignment supplied is not valid. (Kafka <c>INVALID_REPLICA_ASSIGNMENT</c>.)</summary>
    InvalidReplicaAssignment = 39,

    /// <summary>The configuration supplied is not valid. (Kafka <c>INVALID_CONFIG</c>.)</summary>
    InvalidConfig = 40,

    /// <summary>The broker contacted is not the active controller of the cluster. (Kafka <c>NOT_CONTROLLER</c>.)</summary>
    NotController = 41,

    /// <summary>The request was malformed, or sent to a broker that cannot understand it; the broker log has details. (Kafka <c>INVALID_REQUEST</c>.)</summary>
    InvalidRequest = 42,

    /// <summary>The broker's message format version cannot support this request. (Kafka <c>UNSUPPORTED_FOR_MESSAGE_FORMAT</c>.)</summary>
    UnsupportedForMessageFormat = 43,

    /// <summary>The request parameters break a policy configured on the broker. (Kafka <c>POLICY_VIOLATION</c>.)</summary>
    PolicyViolation = 44,

    /// <summary>The broker got a producer sequence number that is out of order. (Kafka <c>OUT_OF_ORDER_SEQUENCE_NUMBER</c>.)</summary>
    OutOfOrderSequenceNumber = 45,

    /// <summary>The broker got a producer sequence number it has already seen. (Kafka <c>DUPLICATE_SEQUENCE_NUMBER</c>.)</summary>
    DuplicateSequenceNumber = 46,

    /// <summary>The producer used an epoch that is older than the current one. (Kafka <c>INVALID_PRODUCER_EPOCH</c>.)</summary>
    InvalidProducerEpoch = 47,

    /// <summary>The transactional operation is not allowed in the transaction's current state. (Kafka <c>INVALID_TXN_STATE</c>.)</summary>
    InvalidTxnState = 48,

    /// <summary>The producer ID used is not the one currently assigned to the transactional ID. (Kafka <c>INVALID_PRODUCER_ID_MAPPING</c>.)</summary>
    InvalidProducerIdMapping = 49,

    /// <summary>The transaction timeout exceeds the broker maximum (transaction.max.timeout.ms). (Kafka <c>INVALID_TRANSACTION_TIMEOUT</c>.)</summary>
    InvalidTransactionTimeout = 50,

    /// <summary>Another operation on the same transaction was still in progress when this update was attempted. (Kafka <c>CONCURRENT_TRANSACTIONS</c>.)</summary>
    ConcurrentTransactions = 51,

    /// <summary>The transaction coordinator that sent the marker is no longer the coordinator for the producer. (Kafka <c>TRANSACTION_COORDINATOR_FENCED</c>.)</summary>
    TransactionCoordinatorFenced = 52,

    /// <summary>The client is not authorized to use the transactional ID. (Kafka <c>TRANSACTIONAL_ID_AUTHORIZATION_FAILED</c>.)</summary>
    TransactionalIdAuthorizationFailed = 53,

    /// <summary>Security features are turned off on the broker. (Kafka <c>SECURITY_DISABLED</c>.)</summary>
    SecurityDisabled = 54,

    /// <summary>The broker skipped this operation, usually because another part of a batched request failed. (Kafka <c>OPERATION_NOT_ATTEMPTED</c>.)</summary>
    OperationNotAttempted = 55,

    /// <summary>The broker hit a disk error while accessing a log file. (Kafka <c>KAFKA_STORAGE_ERROR</c>.)</summary>
    KafkaStorageError = 56,

    /// <summary>The log directory named in the request is not configured on the broker. (Kafka <c>LOG_DIR_NOT_FOUND</c>.)</summary>
    LogDirNotFound = 57,

    /// <summary>SASL authentication did not succeed. (Kafka <c>SASL_AUTHENTICATION_FAILED</c>.)</summary>
    SaslAuthenticationFailed = 58,

    /// <summary>The broker holds no state for the producer ID, for example because its records were removed by retention. (Kafka <c>UNKNOWN_PRODUCER_ID</c>.)</summary>
    UnknownProducerId = 59,

    /// <summary>A partition reassignment is currently running. (Kafka <c>REASSIGNMENT_IN_PROGRESS</c>.)</summary>
    ReassignmentInProgress = 60,

    /// <summary>Delegation tokens are not enabled on the broker. (Kafka <c>DELEGATION_TOKEN_AUTH_DISABLED</c>.)</summary>
    DelegationTokenAuthDisabled = 61,

    /// <summary>The broker does not know the delegation token. (Kafka <c>DELEGATION_TOKEN_NOT_FOUND</c>.)</summary>
    DelegationTokenNotFound = 62,

    /// <summary>The principal given is not a valid owner or renewer of the token. (Kafka <c>DELEGATION_TOKEN_OWNER_MISMATCH</c>.)</summary>
    DelegationTokenOwnerMismatch = 63,

    /// <summary>Delegation token requests are refused on PLAINTEXT or one-way SSL connections and on token-authenticated connections. (Kafka <c>DELEGATION_TOKEN_REQUEST_NOT_ALLOWED</c>.)</summary>
    DelegationTokenRequestNotAllowed = 64,

    /// <summary>The client is not authorized for this delegation token operation. (Kafka <c>DELEGATION_TOKEN_AUTHORIZATION_FAILED</c>.)</summary>
    DelegationTokenAuthorizationFailed = 65,

    /// <summary>The delegation token has expired. (Kafka <c>DELEGATION_TOKEN_EXPIRED</c>.)</summary>
    DelegationTokenExpired = 66,

    /// <summary>The principal type supplied is not supported. (Kafka <c>INVALID_PRINCIPAL_TYPE</c>.)</summary>
    InvalidPrincipalType = 67,

    /// <summary>The operation needs an empty group, but the group still has members. (Kafka <c>NON_EMPTY_GROUP</c>.)</summary>
    NonEmptyGroup = 68,

    /// <summary>No group with this ID exists. (Kafka <c>GROUP_ID_NOT_FOUND</c>.)</summary>
    GroupIdNotFound = 69,

    /// <summary>The broker has no fetch session with the given ID. (Kafka <c>FETCH_SESSION_ID_NOT_FOUND</c>.)</summary>
    FetchSessionIdNotFound = 70,

    /// <summary>The fetch session epoch in the request is not the expected one. (Kafka <c>INVALID_FETCH_SESSION_EPOCH</c>.)</summary>
    InvalidFetchSessionEpoch = 71,

    /// <summary>The partition leader has no listener matching the one the metadata request arrived on. (Kafka <c>LISTENER_NOT_FOUND</c>.)</summary>
    ListenerNotFound = 72,

    /// <summary>Deleting topics is disabled on the cluster. (Kafka <c>TOPIC_DELETION_DISABLED</c>.)</summary>
    TopicDeletionDisabled = 73,

    /// <summary>The leader epoch in the request is older than the broker's. (Kafka <c>FENCED_LEADER_EPOCH</c>.)</summary>
    FencedLeaderEpoch = 74,

    /// <summary>The leader epoch in the request is newer than the broker's. (Kafka <c>UNKNOWN_LEADER_EPOCH</c>.)</summary>
    UnknownLeaderEpoch = 75,

    /// <summary>The client cannot handle the compression type used by the partition. (Kafka <c>UNSUPPORTED_COMPRESSION_TYPE</c>.)</summary>
    UnsupportedCompressionType = 76,

    /// <summary>The broker epoch in the request is out of date. (Kafka <c>STALE_BROKER_EPOCH</c>.)</summary>
    StaleBrokerEpoch = 77,

    /// <summary>The new leader's high watermark has not caught up yet, so offsets cannot be served safely. (Kafka <c>OFFSET_NOT_AVAILABLE</c>.)</summary>
    OffsetNotAvailable = 78,

    /// <summary>The member must obtain a member ID before it can join the group. (Kafka <c>MEMBER_ID_REQUIRED</c>.)</summary>
    MemberIdRequired = 79,

    /// <summary>The preferred leader of the partition is not available. (Kafka <c>PREFERRED_LEADER_NOT_AVAILABLE</c>.)</summary>
    PreferredLeaderNotAvailable = 80,

    /// <summary>The group already holds the largest number of members allowed. (Kafka <c>GROUP_MAX_SIZE_REACHED</c>.)</summary>
    GroupMaxSizeReached = 81,

    /// <summary>Another member registered the same group.instance.id with a different member ID, fencing this static member. (Kafka <c>FENCED_INSTANCE_ID</c>.)</summary>
    FencedInstanceId = 82,

    /// <summary>No replica eligible to become partition leader is available. (Kafka <c>ELIGIBLE_LEADERS_NOT_AVAILABLE</c>.)</summary>
    EligibleLeadersNotAvailable = 83,

    /// <summary>The partition needs no leader election. (Kafka <c>ELECTION_NOT_NEEDED</c>.)</summary>
    ElectionNotNeeded = 84,

    /// <summary>There is no partition reassignment running. (Kafka <c>NO_REASSIGNMENT_IN_PROGRESS</c>.)</summary>
    NoReassignmentInProgress = 85,

    /// <summary>Offsets of a topic cannot be deleted while the group is still subscribed to it. (Kafka <c>GROUP_SUBSCRIBED_TO_TOPIC</c>.)</summary>
    GroupSubscribedToTopic = 86,

    /// <summary>The broker rejected a record that failed its validation. (Kafka <c>INVALID_RECORD</c>.)</summary>
    InvalidRecord = 87,

    /// <summary>Pending transactional offsets must be resolved before the committed offsets can be read. (Kafka <c>UNSTABLE_OFFSET_COMMIT</c>.)</summary>
    UnstableOffsetCommit = 88,

    /// <summary>The request exceeded the throttling quota. (Kafka <c>THROTTLING_QUOTA_EXCEEDED</c>.)</summary>
    ThrottlingQuotaExceeded = 89,

    /// <summary>A newer producer with the same transactional ID has fenced this one. (Kafka <c>PRODUCER_FENCED</c>.)</summary>
    ProducerFenced = 90,

    /// <summary>The request referred to a resource that does not exist. (Kafka <c>RESOURCE_NOT_FOUND</c>.)</summary>
    ResourceNotFound = 91,

    /// <summary>The request referred to the same resource more than once. (Kafka <c>DUPLICATE_RESOURCE</c>.)</summary>
    DuplicateResource = 92,

    /// <summary>The requested credential does not meet the acceptance criteria. (Kafka <c>UNACCEPTABLE_CREDENTIAL</c>.)</summary>
    UnacceptableCredential = 93,

    /// <summary>The sender or receiver of a voter-only request is not among the expected voters. (Kafka <c>INCONSISTENT_VOTER_SET</c>.)</summary>
    InconsistentVoterSet = 94,

    /// <summary>The update version supplied is not valid. (Kafka <c>INVALID_UPDATE_VERSION</c>.)</summary>
    InvalidUpdateVersion = 95,

    /// <summary>Updating the finalized features failed because of an unexpected server error. (Kafka <c>FEATURE_UPDATE_FAILED</c>.)</summary>
    FeatureUpdateFailed = 96,

    /// <summary>The request principal could not be deserialized when forwarded, pointing to a broker security setup problem. (Kafka <c>PRINCIPAL_DESERIALIZATION_FAILURE</c>.)</summary>
    PrincipalDeserializationFailure = 97,

    /// <summary>The requested snapshot does not exist. (Kafka <c>SNAPSHOT_NOT_FOUND</c>.)</summary>
    SnapshotNotFound = 98,

    /// <summary>The requested position is negative or beyond the end of the snapshot. (Kafka <c>POSITION_OUT_OF_RANGE</c>.)</summary>
    PositionOutOfRange = 99,

    /// <summary>The broker does not host a topic with this topic ID. (Kafka <c>UNKNOWN_TOPIC_ID</c>.)</summary>
    UnknownTopicId = 100,

    /// <summary>The broker ID is already in use by another registration. (Kafka <c>DUPLICATE_BROKER_REGISTRATION</c>.)</summary>
    DuplicateBrokerRegistration = 101,

    /// <summary>The broker ID has not been registered. (Kafka <c>BROKER_ID_NOT_REGISTERED</c>.)</summary>
    BrokerIdNotRegistered = 102,

    /// <summary>The topic ID in the request differs from the topic ID of the log. (Kafka <c>INCONSISTENT_TOPIC_ID</c>.)</summary>
    InconsistentTopicId = 103,

    /// <summary>The cluster ID in the request differs from the one on the server. (Kafka <c>INCONSISTENT_CLUSTER_ID</c>.)</summary>
    InconsistentClusterId = 104,

    /// <summary>The transactional ID does not exist. (Kafka <c>TRANSACTIONAL_ID_NOT_FOUND</c>.)</summary>
    TransactionalIdNotFound = 105,

    /// <summary>The fetch session used topic IDs inconsistently. (Kafka <c>FETCH_SESSION_TOPIC_ID_ERROR</c>.)</summary>
    FetchSessionTopicIdError = 106,

    /// <summary>The proposed ISR includes at least one replica that is not eligible. (Kafka <c>INELIGIBLE_REPLICA</c>.)</summary>
    IneligibleReplica = 107,

    /// <summary>The AlterPartition change was applied, but the partition leader changed meanwhile. (Kafka <c>NEW_LEADER_ELECTED</c>.)</summary>
    NewLeaderElected = 108,

    /// <summary>The requested offset now lives in tiered storage. (Kafka <c>OFFSET_MOVED_TO_TIERED_STORAGE</c>.)</summary>
    OffsetMovedToTieredStorage = 109,

    /// <summary>The group coordinator fenced the member epoch; the member must give up its partitions and rejoin. (Kafka <c>FENCED_MEMBER_EPOCH</c>.)</summary>
    FencedMemberEpoch = 110,

    /// <summary>Another member of the consumer group still holds this instance ID and must leave first. (Kafka <c>UNRELEASED_INSTANCE_ID</c>.)</summary>
    UnreleasedInstanceId = 111,

    /// <summary>The consumer group does not support the assignor or its version range. (Kafka <c>UNSUPPORTED_ASSIGNOR</c>.)</summary>
    UnsupportedAssignor = 112,

    /// <summary>The member epoch is out of date; retry once the ConsumerGroupHeartbeat API returns the new epoch. (Kafka <c>STALE_MEMBER_EPOCH</c>.)</summary>
    StaleMemberEpoch = 113,

    /// <summary>The request went to an endpoint of the wrong type. (Kafka <c>MISMATCHED_ENDPOINT_TYPE</c>.)</summary>
    MismatchedEndpointType = 114,

    /// <summary>The endpoint type is not supported yet. (Kafka <c>UNSUPPORTED_ENDPOINT_TYPE</c>.)</summary>
    UnsupportedEndpointType = 115,

    /// <summary>The controller ID is not known. (Kafka <c>UNKNOWN_CONTROLLER_ID</c>.)</summary>
    UnknownControllerId = 116,

    /// <summary>The telemetry push used a subscription ID that is unknown or out of date. (Kafka <c>UNKNOWN_SUBSCRIPTION_ID</c>.)</summary>
    UnknownSubscriptionId = 117,

    /// <summary>The telemetry push is larger than the broker accepts. (Kafka <c>TELEMETRY_TOO_LARGE</c>.)</summary>
    TelemetryTooLarge = 118,

    /// <summary>The controller judged the broker registration to be invalid. (Kafka <c>INVALID_REGISTRATION</c>.)</summary>
    InvalidRegistration = 119,

    /// <summary>The transaction hit a server-side error; aborting it lets the transactional ID be used again. (Kafka <c>TRANSACTION_ABORTABLE</c>.)</summary>
    TransactionAbortable = 120,

    /// <summary>The record is in a state that does not allow the delivery acknowledgement. (Kafka <c>INVALID_RECORD_STATE</c>.)</summary>
    InvalidRecordState = 121,

    /// <summary>The broker has no such share session. (Kafka <c>SHARE_SESSION_NOT_FOUND</c>.)</summary>
    ShareSessionNotFound = 122,

    /// <summary>The share session epoch in the request is not the expected one. (Kafka <c>INVALID_SHARE_SESSION_EPOCH</c>.)</summary>
    InvalidShareSessionEpoch = 123,

    /// <summary>The share coordinator refused the request because the share-group state epoch did not match. (Kafka <c>FENCED_STATE_EPOCH</c>.)</summary>
    FencedStateEpoch = 124,

    /// <summary>The voter key does not match the key of the receiving replica. (Kafka <c>INVALID_VOTER_KEY</c>.)</summary>
    InvalidVoterKey = 125,

    /// <summary>The voter already belongs to the voter set. (Kafka <c>DUPLICATE_VOTER</c>.)</summary>
    DuplicateVoter = 126,

    /// <summary>The voter does not belong to the voter set. (Kafka <c>VOTER_NOT_FOUND</c>.)</summary>
    VoterNotFound = 127,

    /// <summary>The regular expression supplied is not valid. (Kafka <c>INVALID_REGULAR_EXPRESSION</c>.)</summary>
    InvalidRegularExpression = 128,

    /// <summary>The client's metadata is stale; it should rebootstrap to obtain fresh metadata. (Kafka <c>REBOOTSTRAP_REQUIRED</c>.)</summary>
    RebootstrapRequired = 129,
}
