using System.Collections.Frozen;
using Kafka.Client.Protocol;

namespace Kafka.Client.Network;

/// <summary>
/// The version table of the client: for each API it sends, the oldest and newest version it speaks, and what the
/// versions it relies on add. Kept by hand: regenerating the codec from a newer Kafka spec changes nothing here, and
/// <c>ClientApiVersionsTests</c> fails (printing the row) when the codec knows a version the table does not name.
/// The named capabilities the code checks (<see cref="MetadataVersions"/>, <see cref="OffsetFetchVersions"/>...) are in
/// <c>ApiCapabilities.cs</c>, each inside its API's range.
/// </summary>
/// <remarks>
/// The oldest versions are those of Kafka 1.1 (record batches of magic 2, KIP-98; DescribeConfigs with synonyms):
/// older brokers are refused with an error naming the API and both ranges. The Java client of Kafka 4 starts at Kafka
/// 2.1 (KIP-896); this client also serves brokers and mocks in between, such as librdkafka 2.0's mock cluster.
/// </remarks>
internal static class ClientApiVersions
{
    /// <summary>The Kafka release whose broker speaks every oldest version of the table.</summary>
    public const string OldestBroker = "Kafka 1.1";

    /// <summary>Every row, by API key.</summary>
    public static IReadOnlyList<ApiVersionRow> Rows { get; } =
    [
        new(ApiKey.Produce, 3, 11, "3: record batches v2 (magic 2) and transactional id; 7: zstd; 8: per-record errors (KIP-467); 9: flexible; 10: current leader in errors (KIP-951); 11: TRANSACTION_ABORTABLE (KIP-890)"),
        new(ApiKey.Fetch, 4, 17, "4: isolation level, last stable offset, aborted transactions; 5: log start offset; 7: fetch sessions (KIP-227); 9: current leader epoch (KIP-320); 11: rack id (KIP-392); 12: flexible, diverging epoch; 13: topic ids (KIP-516); 15: replica state; 16: current leader (KIP-951); 17: directory id"),
        new(ApiKey.ListOffsets, 1, 10, "1: one offset per partition; 2: isolation level; 4: current leader epoch; 6: flexible; 7: max timestamp (KIP-734); 8-10: tiered storage specs we do not send"),
        new(ApiKey.Metadata, 1, 12, "1: null topics means all, controller id, rack; 4: AllowAutoTopicCreation (before it the broker's auto.create.topics.enable decides); 7: leader epoch; 9: flexible; 10: topic ids; 12: topic ids in requests"),
        new(ApiKey.OffsetCommit, 2, 9, "2: retention time, group generation and member; 5: no retention time; 6: leader epoch; 7: group instance id (static members); 8: flexible; 9: member epoch (KIP-848)"),
        new(ApiKey.OffsetFetch, 2, 9, "2: null topics means all (the admin client lists a group's offsets so), top-level error; 5: leader epoch; 6: flexible; 7: require stable; 8: several groups per request (KIP-709); 9: member id and epoch (KIP-848)"),
        new(ApiKey.FindCoordinator, 0, 6, "0: group coordinator by key; 1: key type; 3: flexible; 4: batched keys (KIP-699); 5-6: new error codes"),
        new(ApiKey.JoinGroup, 2, 9, "1: rebalance timeout; 4: MEMBER_ID_REQUIRED second join (KIP-394); 5: group instance id (KIP-345); 6: flexible; 7: protocol type in response; 8: reason (KIP-800)"),
        new(ApiKey.Heartbeat, 0, 4, "3: group instance id; 4: flexible"),
        new(ApiKey.LeaveGroup, 0, 5, "3: a batch of members with instance ids (KIP-345); 4: flexible; 5: reason"),
        new(ApiKey.SyncGroup, 0, 5, "3: group instance id; 4: flexible; 5: protocol type and name"),
        new(ApiKey.DescribeGroups, 0, 5, "3: authorized operations; 4: member instance ids; 5: flexible"),
        new(ApiKey.ListGroups, 0, 5, "3: flexible; 4: states filter (KIP-518); 5: types filter (KIP-848)"),
        new(ApiKey.SaslHandshake, 1, 1, "1: the SASL tokens travel in SaslAuthenticate requests (KIP-152); v0's raw tokens are not spoken"),
        new(ApiKey.SaslAuthenticate, 0, 2, "0: Kafka 1.0; 1: session lifetime (KIP-368); 2: flexible"),
        new(ApiKey.ApiVersions, 0, 4, "3: flexible, client software name and version (KIP-511); 4: feature min version fix"),
        new(ApiKey.CreateTopics, 2, 7, "1: validate only; 2: throttle time; 4: default partitions and replication (KIP-464); 5: flexible, configs in the response (KIP-525); 7: topic id"),
        new(ApiKey.DeleteTopics, 1, 6, "4: flexible; 5: error messages; 6: topics by name or id"),
        new(ApiKey.DeleteRecords, 0, 2, "2: flexible"),
        new(ApiKey.InitProducerId, 0, 5, "2: flexible; 3: ProducerId and ProducerEpoch to bump the epoch (KIP-360); 4: PRODUCER_FENCED; 5: TRANSACTION_ABORTABLE"),
        new(ApiKey.DescribeConfigs, 1, 4, "1: synonyms; 3: documentation and types; 4: flexible"),
        new(ApiKey.CreatePartitions, 0, 3, "2: flexible"),
        new(ApiKey.DeleteGroups, 0, 2, "2: flexible"),
        new(ApiKey.IncrementalAlterConfigs, 0, 1, "1: flexible"),
        new(ApiKey.OffsetDelete, 0, 0, "0: Kafka 2.4"),
        new(ApiKey.DescribeAcls, 1, 3, "1: pattern types (KIP-290, Kafka 2.0); 2: flexible; 3: user resources"),
        new(ApiKey.CreateAcls, 1, 3, "1: pattern types (KIP-290, Kafka 2.0); 2: flexible; 3: user resources"),
        new(ApiKey.DeleteAcls, 1, 3, "1: pattern types (KIP-290, Kafka 2.0); 2: flexible; 3: user resources"),
        new(ApiKey.AddPartitionsToTxn, 0, 3, "0: Kafka 0.11 (KIP-98); 2: PRODUCER_FENCED; 3: flexible; 4+ are the brokers' batched verification (KIP-890), refused to clients", BrokerOnlyFrom: 4),
        new(ApiKey.AddOffsetsToTxn, 0, 4, "2: PRODUCER_FENCED; 3: flexible; 4: TRANSACTION_ABORTABLE"),
        new(ApiKey.EndTxn, 0, 4, "2: PRODUCER_FENCED; 3: flexible; 4: TRANSACTION_ABORTABLE (5, KIP-890 part 2, is not spoken)"),
        new(ApiKey.TxnOffsetCommit, 0, 4, "2: committed leader epoch; 3: flexible, member id and generation (KIP-447); 4: TRANSACTION_ABORTABLE"),
        new(ApiKey.DescribeTransactions, 0, 0, "0: Kafka 3.0 (KIP-664)"),
        new(ApiKey.ListTransactions, 0, 1, "0: Kafka 3.0 (KIP-664); 1: duration filter (KIP-994), not sent"),
        new(ApiKey.DescribeProducers, 0, 0, "0: Kafka 3.0 (KIP-664)"),
        new(ApiKey.DescribeUserScramCredentials, 0, 0, "0: Kafka 2.7 (KIP-554)"),
        new(ApiKey.AlterUserScramCredentials, 0, 0, "0: Kafka 2.7 (KIP-554)"),
        new(ApiKey.DescribeCluster, 0, 1, "0: Kafka 2.8; 1: endpoint type (KIP-919)"),
        new(ApiKey.ConsumerGroupHeartbeat, 0, 1, "0: the consumer group protocol (KIP-848, Kafka 3.7 preview); 1: SubscribedTopicRegex, member id generated by the client (KIP-1082), Kafka 4.0", ReleasedStable: true),
        new(ApiKey.ConsumerGroupDescribe, 0, 0, "0: consumer-protocol groups' epochs, members and assignments (KIP-848)"),
    ];

    private static readonly FrozenDictionary<ApiKey, ApiVersionRow> s_byApi = Rows.ToFrozenDictionary(r => r.Api);

    /// <summary>The row of <paramref name="api"/>, or null when this client never sends it.</summary>
    public static ApiVersionRow? Find(ApiKey api) => s_byApi.GetValueOrDefault(api);
}
