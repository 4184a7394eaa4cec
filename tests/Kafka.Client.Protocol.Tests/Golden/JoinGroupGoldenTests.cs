using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Protocol.Tests.Golden;

/// <summary>
/// JoinGroup (key 11) bodies, byte for byte: requests at v1 (classic) and v6 (first flexible version), responses
/// at v2 (classic) and v7 (flexible, nullable protocol type and name).
/// </summary>
public class JoinGroupGoldenTests
{
    // ---- JoinGroupRequest v1 ---------------------------------------------------------------------------------

    private static readonly byte[] RequestV1 =
    [
        0x00, 0x02, 0x67, 0x31,                    // GroupId = "g1"
        0x00, 0x00, 0xAF, 0xC8,                    // SessionTimeoutMs = 45000
        0x00, 0x04, 0x93, 0xE0,                    // RebalanceTimeoutMs = 300000 (from v1)
        0x00, 0x00,                                // MemberId = "" (int16 length 0)
                                                   // (GroupInstanceId only from v5)
        0x00, 0x08,                                // ProtocolType: int16 length = 8
        0x63, 0x6F, 0x6E, 0x73, 0x75, 0x6D, 0x65, 0x72, //   "consumer"
        0x00, 0x00, 0x00, 0x01,                    // Protocols: int32 count = 1
        0x00, 0x05, 0x72, 0x61, 0x6E, 0x67, 0x65,  //   [0] Name = "range"
        0x00, 0x00, 0x00, 0x03,                    //   [0] Metadata: int32 length = 3
        0x01, 0x02, 0x03,                          //       opaque bytes
    ];

    private static JoinGroupRequest NewRequestV1() => new()
    {
        GroupId = "g1",
        SessionTimeoutMs = 45000,
        RebalanceTimeoutMs = 300000,
        MemberId = "",
        ProtocolType = "consumer",
        Protocols = [new() { Name = "range", Metadata = new byte[] { 0x01, 0x02, 0x03 } }],
    };

    [Test]
    public void JoinGroupRequest_v1_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewRequestV1(), 1, RequestV1);
    }

    [Test]
    public void JoinGroupRequest_v1_decodes_from_golden_bytes()
    {
        JoinGroupRequest request = Golden.AssertDecodes(RequestV1, 1, NewRequestV1());
        Assert.Multiple(() =>
        {
            Assert.That(request.GroupId, Is.EqualTo("g1"));
            Assert.That(request.SessionTimeoutMs, Is.EqualTo(45000));
            Assert.That(request.RebalanceTimeoutMs, Is.EqualTo(300000));
            Assert.That(request.MemberId, Is.Empty);
            Assert.That(request.GroupInstanceId, Is.Null);
            Assert.That(request.ProtocolType, Is.EqualTo("consumer"));
            Assert.That(request.Protocols[0].Name, Is.EqualTo("range"));
            Assert.That(request.Protocols[0].Metadata.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    // ---- JoinGroupRequest v6 ---------------------------------------------------------------------------------

    private static readonly byte[] RequestV6 =
    [
        0x03, 0x67, 0x31,                          // GroupId = "g1" (compact, length+1 = 3)
        0x00, 0x00, 0xAF, 0xC8,                    // SessionTimeoutMs = 45000
        0x00, 0x04, 0x93, 0xE0,                    // RebalanceTimeoutMs = 300000
        0x01,                                      // MemberId = "" (compact, length+1 = 1)
        0x03, 0x69, 0x31,                          // GroupInstanceId = "i1" (compact nullable)
        0x09,                                      // ProtocolType: compact, length+1 = 9
        0x63, 0x6F, 0x6E, 0x73, 0x75, 0x6D, 0x65, 0x72, //   "consumer"
        0x03,                                      // Protocols: compact array, 2 elements
        0x06, 0x72, 0x61, 0x6E, 0x67, 0x65,        //   [0] Name = "range"
        0x04, 0x01, 0x02, 0x03,                    //   [0] Metadata: compact bytes, length+1 = 4
        0x00,                                      //   [0] tagged fields: count 0
        0x0B,                                      //   [1] Name: compact, length+1 = 11
        0x72, 0x6F, 0x75, 0x6E, 0x64, 0x72, 0x6F, 0x62, 0x69, 0x6E, //   "roundrobin"
        0x01,                                      //   [1] Metadata: empty (compact, length+1 = 1)
        0x00,                                      //   [1] tagged fields: count 0
                                                   // (Reason only from v8)
        0x00,                                      // tagged fields: count 0
    ];

    private static JoinGroupRequest NewRequestV6() => new()
    {
        GroupId = "g1",
        SessionTimeoutMs = 45000,
        RebalanceTimeoutMs = 300000,
        MemberId = "",
        GroupInstanceId = "i1",
        ProtocolType = "consumer",
        Protocols =
        [
            new() { Name = "range", Metadata = new byte[] { 0x01, 0x02, 0x03 } },
            new() { Name = "roundrobin", Metadata = ReadOnlyMemory<byte>.Empty },
        ],
    };

    [Test]
    public void JoinGroupRequest_v6_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewRequestV6(), 6, RequestV6);
    }

    [Test]
    public void JoinGroupRequest_v6_decodes_from_golden_bytes()
    {
        JoinGroupRequest request = Golden.AssertDecodes(RequestV6, 6, NewRequestV6());
        Assert.Multiple(() =>
        {
            Assert.That(request.GroupId, Is.EqualTo("g1"));
            Assert.That(request.MemberId, Is.Empty);
            Assert.That(request.GroupInstanceId, Is.EqualTo("i1"));
            Assert.That(request.Protocols.Select(p => p.Name), Is.EqualTo(new[] { "range", "roundrobin" }));
            Assert.That(request.Protocols[0].Metadata.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(request.Protocols[1].Metadata.IsEmpty, Is.True);
            Assert.That(request.Reason, Is.Null);
        });
    }

    // ---- JoinGroupResponse v2 --------------------------------------------------------------------------------

    private static readonly byte[] ResponseV2 =
    [
        0x00, 0x00, 0x00, 0x00,                    // ThrottleTimeMs = 0 (from v2)
        0x00, 0x00,                                // ErrorCode = 0
        0x00, 0x00, 0x00, 0x03,                    // GenerationId = 3
        0x00, 0x05, 0x72, 0x61, 0x6E, 0x67, 0x65,  // ProtocolName = "range" (not nullable before v7)
        0x00, 0x02, 0x6D, 0x31,                    // Leader = "m1"
        0x00, 0x02, 0x6D, 0x31,                    // MemberId = "m1"
        0x00, 0x00, 0x00, 0x02,                    // Members: int32 count = 2
        0x00, 0x02, 0x6D, 0x31,                    //   [0] MemberId = "m1"
        0x00, 0x00, 0x00, 0x01, 0xAA,              //   [0] Metadata: int32 length 1, 0xAA
        0x00, 0x02, 0x6D, 0x32,                    //   [1] MemberId = "m2"
        0x00, 0x00, 0x00, 0x00,                    //   [1] Metadata: int32 length 0
    ];

    private static JoinGroupResponse NewResponseV2() => new()
    {
        ThrottleTimeMs = 0,
        ErrorCode = 0,
        GenerationId = 3,
        ProtocolName = "range",
        Leader = "m1",
        MemberId = "m1",
        Members =
        [
            new() { MemberId = "m1", Metadata = new byte[] { 0xAA } },
            new() { MemberId = "m2", Metadata = ReadOnlyMemory<byte>.Empty },
        ],
    };

    [Test]
    public void JoinGroupResponse_v2_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV2(), 2, ResponseV2);
    }

    [Test]
    public void JoinGroupResponse_v2_decodes_from_golden_bytes()
    {
        JoinGroupResponse response = Golden.AssertDecodes(ResponseV2, 2, NewResponseV2());
        Assert.Multiple(() =>
        {
            Assert.That(response.GenerationId, Is.EqualTo(3));
            Assert.That(response.ProtocolType, Is.Null, "absent before v7: default null");
            Assert.That(response.ProtocolName, Is.EqualTo("range"));
            Assert.That(response.Leader, Is.EqualTo("m1"));
            Assert.That(response.MemberId, Is.EqualTo("m1"));
            Assert.That(response.Members.Select(m => m.MemberId), Is.EqualTo(new[] { "m1", "m2" }));
            Assert.That(response.Members[0].Metadata.ToArray(), Is.EqualTo(new byte[] { 0xAA }));
            Assert.That(response.Members[1].Metadata.IsEmpty, Is.True);
        });
    }

    // ---- JoinGroupResponse v7 --------------------------------------------------------------------------------

    private static readonly byte[] ResponseV7 =
    [
        0x00, 0x00, 0x00, 0x0A,                    // ThrottleTimeMs = 10
        0x00, 0x00,                                // ErrorCode = 0
        0x00, 0x00, 0x00, 0x04,                    // GenerationId = 4
        0x09,                                      // ProtocolType: compact nullable, length+1 = 9
        0x63, 0x6F, 0x6E, 0x73, 0x75, 0x6D, 0x65, 0x72, //   "consumer"
        0x06, 0x72, 0x61, 0x6E, 0x67, 0x65,        // ProtocolName = "range" (compact nullable)
        0x03, 0x6D, 0x31,                          // Leader = "m1" (compact)
                                                   // (SkipAssignment only from v9)
        0x03, 0x6D, 0x32,                          // MemberId = "m2" (compact)
        0x02,                                      // Members: compact array, 1 element
        0x03, 0x6D, 0x31,                          //   [0] MemberId = "m1"
        0x00,                                      //   [0] GroupInstanceId = null (compact 0)
        0x02, 0xAA,                                //   [0] Metadata: compact bytes, length+1 = 2, 0xAA
        0x00,                                      //   [0] tagged fields: count 0
        0x00,                                      // tagged fields: count 0
    ];

    private static JoinGroupResponse NewResponseV7() => new()
    {
        ThrottleTimeMs = 10,
        ErrorCode = 0,
        GenerationId = 4,
        ProtocolType = "consumer",
        ProtocolName = "range",
        Leader = "m1",
        MemberId = "m2",
        Members = [new() { MemberId = "m1", GroupInstanceId = null, Metadata = new byte[] { 0xAA } }],
    };

    [Test]
    public void JoinGroupResponse_v7_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV7(), 7, ResponseV7);
    }

    [Test]
    public void JoinGroupResponse_v7_decodes_from_golden_bytes()
    {
        JoinGroupResponse response = Golden.AssertDecodes(ResponseV7, 7, NewResponseV7());
        Assert.Multiple(() =>
        {
            Assert.That(response.ThrottleTimeMs, Is.EqualTo(10));
            Assert.That(response.GenerationId, Is.EqualTo(4));
            Assert.That(response.ProtocolType, Is.EqualTo("consumer"));
            Assert.That(response.ProtocolName, Is.EqualTo("range"));
            Assert.That(response.Leader, Is.EqualTo("m1"));
            Assert.That(response.MemberId, Is.EqualTo("m2"));
            Assert.That(response.Members[0].MemberId, Is.EqualTo("m1"));
            Assert.That(response.Members[0].GroupInstanceId, Is.Null);
            Assert.That(response.Members[0].Metadata.ToArray(), Is.EqualTo(new byte[] { 0xAA }));
        });
    }

    [Test]
    public void JoinGroupResponse_v7_reads_a_null_protocol_name()
    {
        // An error response (MEMBER_ID_REQUIRED, 79): no protocol chosen yet, so ProtocolType and ProtocolName are null.
        byte[] golden =
        [
            0x00, 0x00, 0x00, 0x00,                // ThrottleTimeMs = 0
            0x00, 0x4F,                            // ErrorCode = 79
            0xFF, 0xFF, 0xFF, 0xFF,                // GenerationId = -1
            0x00,                                  // ProtocolType = null
            0x00,                                  // ProtocolName = null
            0x01,                                  // Leader = ""
            0x03, 0x6D, 0x32,                      // MemberId = "m2"
            0x01,                                  // Members: compact array, 0 elements
            0x00,                                  // tagged fields: count 0
        ];
        var expected = new JoinGroupResponse { ErrorCode = 79, GenerationId = -1, ProtocolType = null, ProtocolName = null, Leader = "", MemberId = "m2" };

        Golden.AssertEncodes(expected, 7, golden);
        Assert.That(Golden.AssertDecodes(golden, 7, expected).ProtocolName, Is.Null);
    }
}
