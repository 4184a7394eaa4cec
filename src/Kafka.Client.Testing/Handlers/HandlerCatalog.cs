using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>Every API the embedded broker answers.</summary>
internal static class HandlerCatalog
{
    public static IEnumerable<IApiHandler> Create() =>
        [
            new ProduceHandler(),
            new FetchHandler(),
            new ListOffsetsHandler(),
            new MetadataHandler(),
            new ApiVersionsHandler(),
            new CreateTopicsHandler(),
            new DeleteTopicsHandler(),
            new DeleteRecordsHandler(),
            new InitProducerIdHandler(),
            new OffsetForLeaderEpochHandler(),
            new DescribeConfigsHandler(),
            new AlterConfigsHandler(),
            new CreatePartitionsHandler(),
            new IncrementalAlterConfigsHandler(),
            new DescribeClusterHandler(),
            new FindCoordinatorHandler(),
            new JoinGroupHandler(),
            new HeartbeatHandler(),
            new LeaveGroupHandler(),
            new SyncGroupHandler(),
            new DescribeGroupsHandler(),
            new ListGroupsHandler(),
            new OffsetCommitHandler(),
            new OffsetFetchHandler(),
            new DeleteGroupsHandler(),
            new OffsetDeleteHandler(),
            new SaslHandshakeHandler(),
            new SaslAuthenticateHandler(),
            new CreateAclsHandler(),
            new DescribeAclsHandler(),
            new DeleteAclsHandler(),
            new DescribeUserScramCredentialsHandler(),
            new AlterUserScramCredentialsHandler(),
            new AddPartitionsToTxnHandler(),
            new AddOffsetsToTxnHandler(),
            new EndTxnHandler(),
            new TxnOffsetCommitHandler(),
            new DescribeTransactionsHandler(),
            new ListTransactionsHandler(),
            new DescribeProducersHandler(),
            new ConsumerGroupHeartbeatHandler(),
            new ConsumerGroupDescribeHandler(),
        ];
}
