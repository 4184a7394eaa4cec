using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Protocol.Tests.Golden;

/// <summary>Produce (key 0) bodies, byte for byte, at v3 (classic) and v9 (first flexible version).</summary>
/// <remarks>The record data is an opaque blob here: the codec carries <c>records</c> fields as bytes.</remarks>
public class ProduceGoldenTests
{
    // ---- ProduceRequest v3 -----------------------------------------------------------------------------------

    private static readonly byte[] RequestV3 =
    [
        0xFF, 0xFF,                                // TransactionalId = null (int16 length -1)
        0xFF, 0xFF,                                // Acks = -1 (int16)
        0x00, 0x00, 0x75, 0x30,                    // TimeoutMs = 30000
        0x00, 0x00, 0x00, 0x01,                    // TopicData: int32 count = 1
        0x00, 0x03, 0x66, 0x6F, 0x6F,              //   [0] Name = "foo"
        0x00, 0x00, 0x00, 0x01,                    //   [0] PartitionData: int32 count = 1
        0x00, 0x00, 0x00, 0x00,                    //     [0] Index = 0
        0x00, 0x00, 0x00, 0x04,                    //     [0] Records: int32 length = 4
        0xDE, 0xAD, 0xBE, 0xEF,                    //         opaque record bytes
    ];

    private static ProduceRequest NewRequestV3() => new()
    {
        TransactionalId = null,
        Acks = -1,
        TimeoutMs = 30000,
        TopicData =
        [
            new() { Name = "foo", PartitionData = [new() { Index = 0, Records = new byte[] { 0xDE, 0xAD, 0xBE, 0xEF } }] },
        ],
    };

    [Test]
    public void ProduceRequest_v3_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewRequestV3(), 3, RequestV3);
    }

    [Test]
    public void ProduceRequest_v3_decodes_from_golden_bytes()
    {
        ProduceRequest request = Golden.AssertDecodes(RequestV3, 3, NewRequestV3());
        Assert.Multiple(() =>
        {
            Assert.That(request.TransactionalId, Is.Null);
            Assert.That(request.Acks, Is.EqualTo(-1));
            Assert.That(request.TimeoutMs, Is.EqualTo(30000));
            Assert.That(request.TopicData[0].Name, Is.EqualTo("foo"));
            Assert.That(request.TopicData[0].PartitionData[0].Index, Is.Zero);
            Assert.That(request.TopicData[0].PartitionData[0].Records!.Value.ToArray(), Is.EqualTo(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }));
        });
    }

    [Test]
    public void ProduceRequest_v3_records_are_a_slice_of_the_frame_not_a_copy()
    {
        var frame = new ReadOnlyMemory<byte>(RequestV3);
        var reader = new KafkaReader(frame);
        ProduceRequest request = ProduceRequest.Read(ref reader, 3);
        ReadOnlyMemory<byte> records = request.TopicData[0].PartitionData[0].Records!.Value;
        Assert.That(frame.Span.Overlaps(records.Span, out int offset), Is.True);
        Assert.That(offset, Is.EqualTo(29), "the 4 record bytes are the last 4 of the 33-byte frame");
    }

    // ---- ProduceRequest v9: compact strings and records, tagged field sections -------------------------------

    private static readonly byte[] RequestV9 =
    [
        0x03, 0x74, 0x78,                          // TransactionalId = "tx" (compact nullable, length+1 = 3)
        0x00, 0x01,                                // Acks = 1
        0x00, 0x00, 0x05, 0xDC,                    // TimeoutMs = 1500
        0x02,                                      // TopicData: compact array, 1 element
        0x04, 0x66, 0x6F, 0x6F,                    //   [0] Name = "foo" (compact)
        0x03,                                      //   [0] PartitionData: compact array, 2 elements
        0x00, 0x00, 0x00, 0x00,                    //     [0] Index = 0
        0x06,                                      //     [0] Records: compact nullable, length+1 = 6
        0x01, 0x02, 0x03, 0x04, 0x05,              //         opaque record bytes
        0x00,                                      //     [0] tagged fields: count 0
        0x00, 0x00, 0x00, 0x01,                    //     [1] Index = 1
        0x00,                                      //     [1] Records = null (compact 0)
        0x00,                                      //     [1] tagged fields: count 0
        0x00,                                      //   [0] tagged fields: count 0
        0x00,                                      // tagged fields: count 0
    ];

    private static ProduceRequest NewRequestV9() => new()
    {
        TransactionalId = "tx",
        Acks = 1,
        TimeoutMs = 1500,
        TopicData =
        [
            new()
            {
                Name = "foo",
                PartitionData =
                [
                    new() { Index = 0, Records = new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05 } },
                    new() { Index = 1, Records = null },
                ],
            },
        ],
    };

    [Test]
    public void ProduceRequest_v9_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewRequestV9(), 9, RequestV9);
    }

    [Test]
    public void ProduceRequest_v9_decodes_from_golden_bytes()
    {
        ProduceRequest request = Golden.AssertDecodes(RequestV9, 9, NewRequestV9());
        Assert.Multiple(() =>
        {
            Assert.That(request.TransactionalId, Is.EqualTo("tx"));
            Assert.That(request.Acks, Is.EqualTo(1));
            Assert.That(request.TimeoutMs, Is.EqualTo(1500));
            Assert.That(request.TopicData[0].PartitionData, Has.Count.EqualTo(2));
            Assert.That(request.TopicData[0].PartitionData[0].Records!.Value.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5 }));
            Assert.That(request.TopicData[0].PartitionData[1].Index, Is.EqualTo(1));
            Assert.That(request.TopicData[0].PartitionData[1].Records, Is.Null);
        });
    }

    // ---- ProduceResponse v3 ----------------------------------------------------------------------------------

    private static readonly byte[] ResponseV3 =
    [
        0x00, 0x00, 0x00, 0x01,                    // Responses: int32 count = 1
        0x00, 0x03, 0x66, 0x6F, 0x6F,              //   [0] Name = "foo"
        0x00, 0x00, 0x00, 0x01,                    //   [0] PartitionResponses: int32 count = 1
        0x00, 0x00, 0x00, 0x00,                    //     [0] Index = 0
        0x00, 0x00,                                //     [0] ErrorCode = 0
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2A, //     [0] BaseOffset = 42
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, //     [0] LogAppendTimeMs = -1 (CreateTime topic)
                                                   //     (LogStartOffset only from v5)
        0x00, 0x00, 0x00, 0x00,                    // ThrottleTimeMs = 0
    ];

    private static ProduceResponse NewResponseV3() => new()
    {
        Responses =
        [
            new() { Name = "foo", PartitionResponses = [new() { Index = 0, ErrorCode = 0, BaseOffset = 42, LogAppendTimeMs = -1 }] },
        ],
        ThrottleTimeMs = 0,
    };

    [Test]
    public void ProduceResponse_v3_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV3(), 3, ResponseV3);
    }

    [Test]
    public void ProduceResponse_v3_decodes_from_golden_bytes()
    {
        ProduceResponse response = Golden.AssertDecodes(ResponseV3, 3, NewResponseV3());
        PartitionCheck(response.Responses[0].PartitionResponses[0], index: 0, error: 0, baseOffset: 42, logAppendTime: -1);
        Assert.That(response.Responses[0].Name, Is.EqualTo("foo"));
    }

    // ---- ProduceResponse v9: record errors ----------------------------------------------------------------

    private static readonly byte[] ResponseV9 =
    [
        0x02,                                      // Responses: compact array, 1 element
        0x04, 0x66, 0x6F, 0x6F,                    //   [0] Name = "foo" (compact)
        0x02,                                      //   [0] PartitionResponses: compact array, 1 element
        0x00, 0x00, 0x00, 0x01,                    //     [0] Index = 1
        0x00, 0x57,                                //     [0] ErrorCode = 87 (INVALID_RECORD)
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, //     [0] BaseOffset = -1
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, //     [0] LogAppendTimeMs = -1
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //     [0] LogStartOffset = 0
        0x02,                                      //     [0] RecordErrors: compact array, 1 element
        0x00, 0x00, 0x00, 0x00,                    //         [0] BatchIndex = 0
        0x04, 0x62, 0x61, 0x64,                    //         [0] BatchIndexErrorMessage = "bad"
        0x00,                                      //         [0] tagged fields: count 0
        0x00,                                      //     [0] ErrorMessage = null (compact 0)
        0x00,                                      //     [0] tagged fields: count 0 (CurrentLeader only from v10)
        0x00,                                      //   [0] tagged fields: count 0
        0x00, 0x00, 0x00, 0x64,                    // ThrottleTimeMs = 100
        0x00,                                      // tagged fields: count 0 (NodeEndpoints only from v10)
    ];

    private static ProduceResponse NewResponseV9() => new()
    {
        Responses =
        [
            new()
            {
                Name = "foo",
                PartitionResponses =
                [
                    new()
                    {
                        Index = 1,
                        ErrorCode = 87,
                        BaseOffset = -1,
                        LogAppendTimeMs = -1,
                        LogStartOffset = 0,
                        RecordErrors = [new() { BatchIndex = 0, BatchIndexErrorMessage = "bad" }],
                        ErrorMessage = null,
                    },
                ],
            },
        ],
        ThrottleTimeMs = 100,
    };

    [Test]
    public void ProduceResponse_v9_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV9(), 9, ResponseV9);
    }

    [Test]
    public void ProduceResponse_v9_decodes_from_golden_bytes()
    {
        ProduceResponse response = Golden.AssertDecodes(ResponseV9, 9, NewResponseV9());
        ProduceResponse.PartitionProduceResponse partition = response.Responses[0].PartitionResponses[0];
        PartitionCheck(partition, index: 1, error: 87, baseOffset: -1, logAppendTime: -1);
        Assert.Multiple(() =>
        {
            Assert.That(partition.LogStartOffset, Is.Zero);
            Assert.That(partition.RecordErrors, Has.Count.EqualTo(1));
            Assert.That(partition.RecordErrors[0].BatchIndex, Is.Zero);
            Assert.That(partition.RecordErrors[0].BatchIndexErrorMessage, Is.EqualTo("bad"));
            Assert.That(partition.ErrorMessage, Is.Null);
            Assert.That(response.ThrottleTimeMs, Is.EqualTo(100));
            Assert.That(response.NodeEndpoints, Is.Empty);
        });
    }

    private static void PartitionCheck(ProduceResponse.PartitionProduceResponse partition, int index, short error, long baseOffset, long logAppendTime)
    {
        Assert.Multiple(() =>
        {
            Assert.That(partition.Index, Is.EqualTo(index));
            Assert.That(partition.ErrorCode, Is.EqualTo(error));
            Assert.That(partition.BaseOffset, Is.EqualTo(baseOffset));
            Assert.That(partition.LogAppendTimeMs, Is.EqualTo(logAppendTime));
        });
    }
}
