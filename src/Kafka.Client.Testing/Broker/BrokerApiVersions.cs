using System.Collections.Frozen;
using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Broker;

/// <summary>One API of the broker's version table: the versions a handler serves, and what the versions it handles add.</summary>
/// <param name="Api">The API.</param>
/// <param name="Min">The oldest version served.</param>
/// <param name="Max">The newest version served (before <see cref="EmbeddedKafkaClusterOptions.MaxApiVersions"/> caps it).</param>
/// <param name="Notes">What the versions the handlers distinguish add.</param>
/// <param name="BeyondPinnedSpec">
/// Why <paramref name="Max"/> is a version the pinned spec (../shared/kafka-protocol) still marks unstable, when Kafka's
/// release made it stable with the same bytes; null for every other row.
/// </param>
internal sealed record BrokerApiVersionRow(ApiKey Api, short Min, short Max, string Notes, string? BeyondPinnedSpec = null);

/// <summary>
/// The version table of the embedded broker: for each API it serves, the oldest and newest version its handler
/// answers, and what the versions it handles differently add. Kept by hand: regenerating the codec from a newer Kafka
/// spec changes nothing the broker advertises, and <c>BrokerApiVersionsTests</c> fails (printing the row) when the codec
/// knows a version the table does not name. The named versions the handlers check are in
/// <c>BrokerApiCapabilities.cs</c>, each inside its row. <see cref="EmbeddedKafkaClusterOptions.MaxApiVersions"/>
/// (an older broker) lowers a row's Max; an API capped below its Min is not served at all.
/// </summary>
/// <remarks>
/// The oldest versions are the codec's lowest, except where Kafka 4.0 removed versions (KIP-896): Produce below v3,
/// Fetch below v4, OffsetCommit below v2 and OffsetFetch v0 are refused with UNSUPPORTED_VERSION, as Kafka 4 does.
/// </remarks>
internal static class BrokerApiVersions
{
    /// <summary>Every row, by API key.</summary>
    public static IReadOnlyList<BrokerApiVersionRow> Rows { get; } =
    [
        new(ApiKey.Produce, 3, 11, "3: record batches v2 only (Kafka 4 refuses older message formats, KIP-896); 9: flexible; 10: current leader in NOT_LEADER_OR_FOLLOWER answers (KIP-951); 11: TRANSACTION_ABORTABLE"),
        new(ApiKey.Fetch, 4, 17, "4: isolation level, last stable offset (Kafka 4's oldest, KIP-896); 7: fetch sessions (KIP-227); 12: flexible, current leader in NOT_LEADER_OR_FOLLOWER and FENCED_LEADER_EPOCH answers; 13: topic ids instead of names; 15: replica state; 16: node endpoints (KIP-951); 17: directory id"),
        new(ApiKey.ListOffsets, 0, 10, "2: isolation level; 4: current leader epoch checked, leader epoch answered; 6: flexible; 7: max timestamp (KIP-734); 8-10: tiered-storage timestamps, answered as the log has no remote tier"),
        new(ApiKey.Metadata, 0, 12, "1: null topics means all; 4: AllowAutoTopicCreation (before, a topic asked about is created as auto.create.topics.enable says); 9: flexible; 10: topic ids; 12: topic ids in requests"),
        new(ApiKey.ApiVersions, 0, 4, "3: flexible, client software name and version (KIP-511)"),
        new(ApiKey.CreateTopics, 0, 7, "1: validate only; 4: default partitions and replication (KIP-464); 5: flexible, configs in the answer (KIP-525); 7: topic id"),
        new(ApiKey.DeleteTopics, 0, 6, "4: flexible; 5: error messages; 6: topics by name or id"),
        new(ApiKey.DeleteRecords, 0, 2, "2: flexible"),
        new(ApiKey.InitProducerId, 0, 5, "2: flexible; 3: epoch bump of a known producer (KIP-360); 4: PRODUCER_FENCED; 5: TRANSACTION_ABORTABLE"),
        new(ApiKey.OffsetForLeaderEpoch, 0, 4, "2: current leader epoch checked; 3: replica id; 4: flexible"),
        new(ApiKey.DescribeConfigs, 0, 4, "1: synonyms; 3: documentation and types; 4: flexible"),
        new(ApiKey.AlterConfigs, 0, 2, "2: flexible"),
        new(ApiKey.CreatePartitions, 0, 3, "2: flexible"),
        new(ApiKey.IncrementalAlterConfigs, 0, 1, "1: flexible"),
        new(ApiKey.DescribeCluster, 0, 1, "1: endpoint type (KIP-919)"),
        new(ApiKey.FindCoordinator, 0, 6, "1: key type, error message; 3: flexible; 4: batched keys, one answer per key (KIP-699); 5-6: new error codes"),
        new(ApiKey.JoinGroup, 0, 9, "1: rebalance timeout; 4: MEMBER_ID_REQUIRED first join (KIP-394); 5: group instance id (KIP-345); 6: flexible; 7: protocol type in the answer; 8: reason; 9: a rejoining static leader skips the assignment"),
        new(ApiKey.Heartbeat, 0, 4, "3: group instance id; 4: flexible"),
        new(ApiKey.LeaveGroup, 0, 5, "3: a batch of members with instance ids (KIP-345), one answer per member; 4: flexible; 5: reason"),
        new(ApiKey.SyncGroup, 0, 5, "3: group instance id; 4: flexible; 5: protocol type and name required and answered"),
        new(ApiKey.DescribeGroups, 0, 5, "3: authorized operations; 4: member instance ids; 5: flexible"),
        new(ApiKey.ListGroups, 0, 5, "3: flexible; 4: states filter and state (KIP-518); 5: types filter and type (KIP-848)"),
        new(ApiKey.OffsetCommit, 2, 9, "2: Kafka 4's oldest (KIP-896); 6: leader epoch; 7: group instance id; 8: flexible; 9: GROUP_ID_NOT_FOUND for a generation of an unknown group (KIP-848)"),
        new(ApiKey.OffsetFetch, 1, 9, "1: Kafka 4's oldest (v0 read ZooKeeper, KIP-896); 2: null topics means all, top-level error; 5: committed leader epoch; 6: flexible; 7: require stable; 8: several groups per request (KIP-709); 9: member id and epoch"),
        new(ApiKey.DeleteGroups, 0, 2, "2: flexible"),
        new(ApiKey.OffsetDelete, 0, 0, "0: Kafka 2.4"),
        new(ApiKey.SaslHandshake, 0, 1, "0: bare token frames after the handshake; 1: tokens in SaslAuthenticate (KIP-152)"),
        new(ApiKey.SaslAuthenticate, 0, 2, "1: session lifetime (KIP-368); 2: flexible"),
        new(ApiKey.DescribeAcls, 0, 3, "1: pattern types (KIP-290; v0 filters literal patterns); 2: flexible"),
        new(ApiKey.CreateAcls, 0, 3, "1: pattern types (KIP-290; v0 creates literal patterns); 2: flexible"),
        new(ApiKey.AddPartitionsToTxn, 0, 5, "2: PRODUCER_FENCED; 3: flexible; 4: batched transactions and VerifyOnly (KIP-890, from brokers: CLUSTER_ACTION); 5: TRANSACTION_ABORTABLE"),
        new(ApiKey.AddOffsetsToTxn, 0, 4, "2: PRODUCER_FENCED; 3: flexible; 4: TRANSACTION_ABORTABLE"),
        new(ApiKey.EndTxn, 0, 4, "2: PRODUCER_FENCED; 3: flexible; 4: TRANSACTION_ABORTABLE (v5, the epoch bump of KIP-890 part 2, is not stable in the spec; its handling waits in EndTxnHandler)"),
        new(ApiKey.TxnOffsetCommit, 0, 4, "2: committed leader epoch; 3: flexible, member id and generation (KIP-447); 4: TRANSACTION_ABORTABLE"),
        new(ApiKey.DescribeTransactions, 0, 0, "0: Kafka 3.0 (KIP-664)"),
        new(ApiKey.ListTransactions, 0, 1, "0: Kafka 3.0 (KIP-664); 1: duration filter (KIP-994)"),
        new(ApiKey.DescribeProducers, 0, 0, "0: Kafka 3.0 (KIP-664)"),
        new(ApiKey.DescribeUserScramCredentials, 0, 0, "0: Kafka 2.7 (KIP-554)"),
        new(ApiKey.AlterUserScramCredentials, 0, 0, "0: Kafka 2.7 (KIP-554)"),
        new(ApiKey.ConsumerGroupHeartbeat, 0, 1, "0: Kafka 4.0's consumer group protocol (KIP-848); 1: member id generated by the client (KIP-1082), regex subscriptions",
            BeyondPinnedSpec: "Kafka 4.0.0's ConsumerGroupHeartbeatRequest.json made v1 stable: SubscribedTopicRegex (already in the pinned v1) and a member id the client must generate (KIP-1082), no byte changed; librdkafka and the Java client use it"),
        new(ApiKey.ConsumerGroupDescribe, 0, 0, "0: Kafka 4.0 (KIP-848)"),
        new(ApiKey.DeleteAcls, 0, 3, "1: pattern types (KIP-290); 2: flexible"),
    ];

    private static readonly FrozenDictionary<ApiKey, BrokerApiVersionRow> s_byApi = Rows.ToFrozenDictionary(r => r.Api);

    /// <summary>The row of <paramref name="api"/>, or null when the broker does not serve it.</summary>
    public static BrokerApiVersionRow? Find(ApiKey api) => s_byApi.GetValueOrDefault(api);
}
