using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Protocol.Tests.Golden;

/// <summary>Metadata (key 3) bodies, byte for byte, at v1 (classic) and v12 (flexible, topic ids).</summary>
public class MetadataGoldenTests
{
    // The topic id used below: most significant half 0x0123456789ABCDEF, least significant 0x0FEDCBA987654321.
    private static readonly KafkaUuid TopicId = new(0x0123456789ABCDEF, 0x0FEDCBA987654321);

    // ---- MetadataRequest v1 ----------------------------------------------------------------------------------

    private static readonly byte[] RequestV1 =
    [
        0x00, 0x00, 0x00, 0x02,                    // Topics: int32 count = 2
        0x00, 0x03,                                //   [0] Name: int16 length = 3
        0x66, 0x6F, 0x6F,                          //       "foo"
        0x00, 0x03,                                //   [1] Name: int16 length = 3
        0x62, 0x61, 0x72,                          //       "bar"
                                                   // (AllowAutoTopicCreation only from v4)
    ];

    private static MetadataRequest NewRequestV1() => new()
    {
        Topics = [new() { Name = "foo" }, new() { Name = "bar" }],
    };

    [Test]
    public void MetadataRequest_v1_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewRequestV1(), 1, RequestV1);
    }

    [Test]
    public void MetadataRequest_v1_decodes_from_golden_bytes()
    {
        MetadataRequest request = Golden.AssertDecodes(RequestV1, 1, NewRequestV1());
        Assert.That(request.Topics!.Select(t => t.Name), Is.EqualTo(new[] { "foo", "bar" }));
    }

    private static readonly byte[] RequestV1AllTopics =
    [
        0xFF, 0xFF, 0xFF, 0xFF,                    // Topics: int32 count = -1 (null: every topic; nullable from v1)
    ];

    [Test]
    public void MetadataRequest_v1_with_null_topics_asks_for_every_topic()
    {
        var request = new MetadataRequest { Topics = null };
        Golden.AssertEncodes(request, 1, RequestV1AllTopics);
        MetadataRequest decoded = Golden.AssertDecodes(RequestV1AllTopics, 1, request);
        Assert.That(decoded.Topics, Is.Null);
    }

    // ---- MetadataRequest v12: topic ids, nullable compact names ----------------------------------------------

    private static readonly byte[] RequestV12 =
    [
        0x03,                                      // Topics: compact array, count+1 = 3 (2 elements)
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //   [0] TopicId = zero uuid (16 bytes)
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //
        0x04,                                      //   [0] Name: compact nullable string, length+1 = 4
        0x66, 0x6F, 0x6F,                          //       "foo"
        0x00,                                      //   [0] tagged fields: count 0
        0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, //   [1] TopicId msb
        0x0F, 0xED, 0xCB, 0xA9, 0x87, 0x65, 0x43, 0x21, //   [1] TopicId lsb
        0x00,                                      //   [1] Name = null (compact 0)
        0x00,                                      //   [1] tagged fields: count 0
        0x00,                                      // AllowAutoTopicCreation = false (bool)
                                                   // (IncludeClusterAuthorizedOperations only in v8-10)
        0x01,                                      // IncludeTopicAuthorizedOperations = true (bool)
        0x00,                                      // tagged fields: count 0
    ];

    private static MetadataRequest NewRequestV12() => new()
    {
        Topics =
        [
            new() { TopicId = KafkaUuid.Zero, Name = "foo" },
            new() { TopicId = TopicId, Name = null },
        ],
        AllowAutoTopicCreation = false,
        IncludeTopicAuthorizedOperations = true,
    };

    [Test]
    public void MetadataRequest_v12_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewRequestV12(), 12, RequestV12);
    }

    [Test]
    public void MetadataRequest_v12_decodes_from_golden_bytes()
    {
        MetadataRequest request = Golden.AssertDecodes(RequestV12, 12, NewRequestV12());
        Assert.Multiple(() =>
        {
            Assert.That(request.Topics, Has.Count.EqualTo(2));
            Assert.That(request.Topics![0].Name, Is.EqualTo("foo"));
            Assert.That(request.Topics[0].TopicId.IsZero, Is.True);
            Assert.That(request.Topics[1].Name, Is.Null);
            Assert.That(request.Topics[1].TopicId.MostSignificantBits, Is.EqualTo(0x0123456789ABCDEF));
            Assert.That(request.Topics[1].TopicId.LeastSignificantBits, Is.EqualTo(0x0FEDCBA987654321));
            Assert.That(request.AllowAutoTopicCreation, Is.False);
            Assert.That(request.IncludeTopicAuthorizedOperations, Is.True);
        });
    }

    // ---- MetadataResponse v1 ---------------------------------------------------------------------------------

    private static readonly byte[] ResponseV1 =
    [
                                                   // (ThrottleTimeMs only from v3)
        0x00, 0x00, 0x00, 0x02,                    // Brokers: int32 count = 2
        0x00, 0x00, 0x00, 0x01,                    //   [0] NodeId = 1
        0x00, 0x02, 0x62, 0x31,                    //   [0] Host = "b1" (int16 length 2)
        0x00, 0x00, 0x23, 0x84,                    //   [0] Port = 9092
        0x00, 0x02, 0x72, 0x31,                    //   [0] Rack = "r1" (nullable string)
        0x00, 0x00, 0x00, 0x02,                    //   [1] NodeId = 2
        0x00, 0x02, 0x62, 0x32,                    //   [1] Host = "b2"
        0x00, 0x00, 0x23, 0x85,                    //   [1] Port = 9093
        0xFF, 0xFF,                                //   [1] Rack = null (int16 length -1)
                                                   // (ClusterId only from v2)
        0x00, 0x00, 0x00, 0x01,                    // ControllerId = 1
        0x00, 0x00, 0x00, 0x01,                    // Topics: int32 count = 1
        0x00, 0x00,                                //   [0] ErrorCode = 0
        0x00, 0x03, 0x66, 0x6F, 0x6F,              //   [0] Name = "foo"
        0x00,                                      //   [0] IsInternal = false
        0x00, 0x00, 0x00, 0x01,                    //   [0] Partitions: int32 count = 1
        0x00, 0x00,                                //     [0] ErrorCode = 0
        0x00, 0x00, 0x00, 0x00,                    //     [0] PartitionIndex = 0
        0x00, 0x00, 0x00, 0x01,                    //     [0] LeaderId = 1
                                                   //     (LeaderEpoch only from v7)
        0x00, 0x00, 0x00, 0x02,                    //     [0] ReplicaNodes: int32 count = 2
        0x00, 0x00, 0x00, 0x01,                    //         1
        0x00, 0x00, 0x00, 0x02,                    //         2
        0x00, 0x00, 0x00, 0x01,                    //     [0] IsrNodes: int32 count = 1
        0x00, 0x00, 0x00, 0x01,                    //         1
                                                   //     (OfflineReplicas only from v5)
    ];

    private static MetadataResponse NewResponseV1() => new()
    {
        Brokers =
        [
            new() { NodeId = 1, Host = "b1", Port = 9092, Rack = "r1" },
            new() { NodeId = 2, Host = "b2", Port = 9093, Rack = null },
        ],
        ControllerId = 1,
        Topics =
        [
            new()
            {
                ErrorCode = 0,
                Name = "foo",
                IsInternal = false,
                Partitions = [new() { ErrorCode = 0, PartitionIndex = 0, LeaderId = 1, ReplicaNodes = [1, 2], IsrNodes = [1] }],
            },
        ],
    };

    [Test]
    public void MetadataResponse_v1_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV1(), 1, ResponseV1);
    }

    [Test]
    public void MetadataResponse_v1_decodes_from_golden_bytes()
    {
        MetadataResponse response = Golden.AssertDecodes(ResponseV1, 1, NewResponseV1());
        Assert.Multiple(() =>
        {
            Assert.That(response.Brokers, Has.Count.EqualTo(2));
            Assert.That(response.Brokers[0].Host, Is.EqualTo("b1"));
            Assert.That(response.Brokers[0].Port, Is.EqualTo(9092));
            Assert.That(response.Brokers[0].Rack, Is.EqualTo("r1"));
            Assert.That(response.Brokers[1].NodeId, Is.EqualTo(2));
            Assert.That(response.Brokers[1].Rack, Is.Null);
            Assert.That(response.ClusterId, Is.Null);
            Assert.That(response.ControllerId, Is.EqualTo(1));
            Assert.That(response.Topics[0].Name, Is.EqualTo("foo"));
            Assert.That(response.Topics[0].Partitions[0].LeaderId, Is.EqualTo(1));
            Assert.That(response.Topics[0].Partitions[0].LeaderEpoch, Is.EqualTo(-1), "absent before v7: default");
            Assert.That(response.Topics[0].Partitions[0].ReplicaNodes, Is.EqualTo(new[] { 1, 2 }));
            Assert.That(response.Topics[0].Partitions[0].IsrNodes, Is.EqualTo(new[] { 1 }));
        });
    }

    // ---- MetadataResponse v12: topic id, compact everything, unknown tagged fields ---------------------------

    private static readonly byte[] ResponseV12 =
    [
        0x00, 0x00, 0x00, 0x00,                    // ThrottleTimeMs = 0
        0x02,                                      // Brokers: compact array, 1 element
        0x00, 0x00, 0x00, 0x01,                    //   [0] NodeId = 1
        0x03, 0x62, 0x31,                          //   [0] Host = "b1" (compact, length+1 = 3)
        0x00, 0x00, 0x23, 0x84,                    //   [0] Port = 9092
        0x00,                                      //   [0] Rack = null (compact 0)
        0x00,                                      //   [0] tagged fields: count 0
        0x03, 0x63, 0x31,                          // ClusterId = "c1" (compact nullable string)
        0x00, 0x00, 0x00, 0x01,                    // ControllerId = 1
        0x02,                                      // Topics: compact array, 1 element
        0x00, 0x00,                                //   [0] ErrorCode = 0
        0x04, 0x66, 0x6F, 0x6F,                    //   [0] Name = "foo" (compact nullable string)
        0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, //   [0] TopicId msb
        0x0F, 0xED, 0xCB, 0xA9, 0x87, 0x65, 0x43, 0x21, //   [0] TopicId lsb
        0x00,                                      //   [0] IsInternal = false
        0x02,                                      //   [0] Partitions: compact array, 1 element
        0x00, 0x00,                                //     [0] ErrorCode = 0
        0x00, 0x00, 0x00, 0x00,                    //     [0] PartitionIndex = 0
        0x00, 0x00, 0x00, 0x01,                    //     [0] LeaderId = 1
        0x00, 0x00, 0x00, 0x07,                    //     [0] LeaderEpoch = 7
        0x02, 0x00, 0x00, 0x00, 0x01,              //     [0] ReplicaNodes: compact, 1 element: 1
        0x02, 0x00, 0x00, 0x00, 0x01,              //     [0] IsrNodes: compact, 1 element: 1
        0x01,                                      //     [0] OfflineReplicas: compact, 0 elements
        0x00,                                      //     [0] tagged fields: count 0
        0x00, 0x00, 0x00, 0x18,                    //   [0] TopicAuthorizedOperations = 0x18 (READ | WRITE)
        0x01,                                      //   [0] tagged fields: count 1
        0x05,                                      //       tag 5 (unknown)
        0x01,                                      //       size = 1
        0x2A,                                      //       data
                                                   // (ClusterAuthorizedOperations only in v8-10)
        0x01,                                      // tagged fields: count 1
        0x63,                                      //   tag 99 (unknown)
        0x04,                                      //   size = 4
        0xCA, 0xFE, 0xBA, 0xBE,                    //   data
    ];

    private static MetadataResponse NewResponseV12() => new()
    {
        ThrottleTimeMs = 0,
        Brokers = [new() { NodeId = 1, Host = "b1", Port = 9092, Rack = null }],
        ClusterId = "c1",
        ControllerId = 1,
        Topics =
        [
            new()
            {
                ErrorCode = 0,
                Name = "foo",
                TopicId = TopicId,
                IsInternal = false,
                Partitions =
                [
                    new() { PartitionIndex = 0, LeaderId = 1, LeaderEpoch = 7, ReplicaNodes = [1], IsrNodes = [1], OfflineReplicas = [] },
                ],
                TopicAuthorizedOperations = 0x18,
                UnknownTaggedFields = [new RawTaggedField(5, new byte[] { 0x2A })],
            },
        ],
        UnknownTaggedFields = [new RawTaggedField(99, new byte[] { 0xCA, 0xFE, 0xBA, 0xBE })],
    };

    [Test]
    public void MetadataResponse_v12_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV12(), 12, ResponseV12);
    }

    [Test]
    public void MetadataResponse_v12_decodes_from_golden_bytes()
    {
        MetadataResponse response = Golden.AssertDecodes(ResponseV12, 12, NewResponseV12());
        Assert.Multiple(() =>
        {
            Assert.That(response.Brokers[0].Host, Is.EqualTo("b1"));
            Assert.That(response.Brokers[0].Rack, Is.Null);
            Assert.That(response.ClusterId, Is.EqualTo("c1"));
            Assert.That(response.ControllerId, Is.EqualTo(1));
            Assert.That(response.Topics[0].TopicId, Is.EqualTo(new KafkaUuid(0x0123456789ABCDEF, 0x0FEDCBA987654321)));
            Assert.That(response.Topics[0].TopicId.ToString(), Is.EqualTo("ASNFZ4mrze8P7cuph2VDIQ"));
            Assert.That(response.Topics[0].Partitions[0].LeaderEpoch, Is.EqualTo(7));
            Assert.That(response.Topics[0].Partitions[0].OfflineReplicas, Is.Empty);
            Assert.That(response.Topics[0].TopicAuthorizedOperations, Is.EqualTo(0x18));
            Assert.That(response.ClusterAuthorizedOperations, Is.EqualTo(int.MinValue), "absent after v10: default");
        });
    }

    [Test]
    public void MetadataResponse_v12_keeps_unknown_tagged_fields_of_the_message_and_of_a_nested_struct()
    {
        MetadataResponse response = Golden.Decode<MetadataResponse>(ResponseV12, 12);
        Assert.Multiple(() =>
        {
            Assert.That(response.UnknownTaggedFields, Has.Count.EqualTo(1));
            Assert.That(response.UnknownTaggedFields![0].Tag, Is.EqualTo(99));
            Assert.That(response.UnknownTaggedFields[0].Data.ToArray(), Is.EqualTo(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE }));
            Assert.That(response.Topics[0].UnknownTaggedFields, Has.Count.EqualTo(1));
            Assert.That(response.Topics[0].UnknownTaggedFields![0].Tag, Is.EqualTo(5));
            Assert.That(response.Topics[0].UnknownTaggedFields![0].Data.ToArray(), Is.EqualTo(new byte[] { 0x2A }));
        });

        Golden.AssertEncodes(response, 12, ResponseV12);
    }
}
