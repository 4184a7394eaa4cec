using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Protocol.Tests.Golden;

/// <summary>ApiVersions (key 18) bodies, byte for byte, at v0 (classic) and v3 (first flexible version).</summary>
public class ApiVersionsGoldenTests
{
    // ---- ApiVersionsRequest v0: no fields at all --------------------------------------------------------------

    private static readonly byte[] RequestV0 = [];

    [Test]
    public void ApiVersionsRequest_v0_encodes_to_an_empty_body()
    {
        Golden.AssertEncodes(new ApiVersionsRequest(), 0, RequestV0);
    }

    [Test]
    public void ApiVersionsRequest_v0_decodes_from_an_empty_body()
    {
        ApiVersionsRequest request = Golden.AssertDecodes(RequestV0, 0, new ApiVersionsRequest());
        Assert.That(request.ClientSoftwareName, Is.EqualTo(""));
    }

    // ---- ApiVersionsRequest v3: compact strings and a tagged field section -----------------------------------

    private static readonly byte[] RequestV3 =
    [
        0x07,                                      // ClientSoftwareName: compact string, uvarint length+1 = 7
        0x64, 0x6F, 0x74, 0x6E, 0x65, 0x74,        //   "dotnet"
        0x06,                                      // ClientSoftwareVersion: compact string, length+1 = 6
        0x31, 0x2E, 0x30, 0x2E, 0x30,              //   "1.0.0"
        0x00,                                      // tagged fields: count 0
    ];

    private static ApiVersionsRequest NewRequestV3() => new()
    {
        ClientSoftwareName = "dotnet",
        ClientSoftwareVersion = "1.0.0",
    };

    [Test]
    public void ApiVersionsRequest_v3_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewRequestV3(), 3, RequestV3);
    }

    [Test]
    public void ApiVersionsRequest_v3_decodes_from_golden_bytes()
    {
        ApiVersionsRequest request = Golden.AssertDecodes(RequestV3, 3, NewRequestV3());
        Assert.Multiple(() =>
        {
            Assert.That(request.ClientSoftwareName, Is.EqualTo("dotnet"));
            Assert.That(request.ClientSoftwareVersion, Is.EqualTo("1.0.0"));
            Assert.That(request.UnknownTaggedFields, Is.Null);
        });
    }

    // ---- ApiVersionsResponse v0 ------------------------------------------------------------------------------

    private static readonly byte[] ResponseV0 =
    [
        0x00, 0x00,                                // ErrorCode = 0 (int16)
        0x00, 0x00, 0x00, 0x02,                    // ApiKeys: int32 count = 2
        0x00, 0x00,                                //   [0] ApiKey = 0 (Produce)
        0x00, 0x00,                                //   [0] MinVersion = 0
        0x00, 0x0B,                                //   [0] MaxVersion = 11
        0x00, 0x12,                                //   [1] ApiKey = 18 (ApiVersions)
        0x00, 0x00,                                //   [1] MinVersion = 0
        0x00, 0x04,                                //   [1] MaxVersion = 4
                                                   // (no ThrottleTimeMs before v1)
    ];

    private static ApiVersionsResponse NewResponseV0() => new()
    {
        ErrorCode = 0,
        ApiKeys =
        [
            new() { ApiKey = 0, MinVersion = 0, MaxVersion = 11 },
            new() { ApiKey = 18, MinVersion = 0, MaxVersion = 4 },
        ],
    };

    [Test]
    public void ApiVersionsResponse_v0_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV0(), 0, ResponseV0);
    }

    [Test]
    public void ApiVersionsResponse_v0_decodes_from_golden_bytes()
    {
        ApiVersionsResponse response = Golden.AssertDecodes(ResponseV0, 0, NewResponseV0());
        Assert.Multiple(() =>
        {
            Assert.That(response.ErrorCode, Is.Zero);
            Assert.That(response.ApiKeys, Has.Count.EqualTo(2));
            Assert.That(response.ApiKeys[0].ApiKey, Is.EqualTo(0));
            Assert.That(response.ApiKeys[0].MaxVersion, Is.EqualTo(11));
            Assert.That(response.ApiKeys[1].ApiKey, Is.EqualTo(18));
            Assert.That(response.ApiKeys[1].MinVersion, Is.EqualTo(0));
            Assert.That(response.ApiKeys[1].MaxVersion, Is.EqualTo(4));
        });
    }

    // ---- ApiVersionsResponse v3: two known tagged fields and an unknown one (tag 99) ------------------------

    private static readonly byte[] ResponseV3 =
    [
        0x00, 0x00,                                // ErrorCode = 0 (int16)
        0x02,                                      // ApiKeys: compact array, uvarint count+1 = 2 (1 element)
        0x00, 0x12,                                //   [0] ApiKey = 18
        0x00, 0x00,                                //   [0] MinVersion = 0
        0x00, 0x04,                                //   [0] MaxVersion = 4
        0x00,                                      //   [0] tagged fields: count 0
        0x00, 0x00, 0x00, 0x64,                    // ThrottleTimeMs = 100 (int32)
        0x03,                                      // tagged fields: count 3, tags ascending
        0x00,                                      //   tag 0 = SupportedFeatures
        0x14,                                      //   size = 20 bytes
        0x02,                                      //     compact array: 1 element
        0x0E,                                      //     [0] Name: compact string, length+1 = 14
        0x6B, 0x72, 0x61, 0x66, 0x74, 0x2E, 0x76,  //         "kraft.v"
        0x65, 0x72, 0x73, 0x69, 0x6F, 0x6E,        //         "ersion"
        0x00, 0x00,                                //     [0] MinVersion = 0
        0x00, 0x01,                                //     [0] MaxVersion = 1
        0x00,                                      //     [0] tagged fields: count 0
        0x01,                                      //   tag 1 = FinalizedFeaturesEpoch
        0x08,                                      //   size = 8 bytes
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, //     = 5 (int64)
        0x63,                                      //   tag 99 (unknown to the codec)
        0x02,                                      //   size = 2 bytes
        0xAB, 0xCD,                                //     opaque data
    ];

    private static ApiVersionsResponse NewResponseV3() => new()
    {
        ErrorCode = 0,
        ApiKeys = [new() { ApiKey = 18, MinVersion = 0, MaxVersion = 4 }],
        ThrottleTimeMs = 100,
        SupportedFeatures = [new() { Name = "kraft.version", MinVersion = 0, MaxVersion = 1 }],
        FinalizedFeaturesEpoch = 5,
        UnknownTaggedFields = [new RawTaggedField(99, new byte[] { 0xAB, 0xCD })],
    };

    [Test]
    public void ApiVersionsResponse_v3_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV3(), 3, ResponseV3);
    }

    [Test]
    public void ApiVersionsResponse_v3_decodes_from_golden_bytes()
    {
        ApiVersionsResponse response = Golden.AssertDecodes(ResponseV3, 3, NewResponseV3());
        Assert.Multiple(() =>
        {
            Assert.That(response.ApiKeys, Has.Count.EqualTo(1));
            Assert.That(response.ApiKeys[0].ApiKey, Is.EqualTo(18));
            Assert.That(response.ApiKeys[0].MaxVersion, Is.EqualTo(4));
            Assert.That(response.ThrottleTimeMs, Is.EqualTo(100));
            Assert.That(response.SupportedFeatures, Has.Count.EqualTo(1));
            Assert.That(response.SupportedFeatures[0].Name, Is.EqualTo("kraft.version"));
            Assert.That(response.SupportedFeatures[0].MaxVersion, Is.EqualTo(1));
            Assert.That(response.FinalizedFeaturesEpoch, Is.EqualTo(5L));
            Assert.That(response.FinalizedFeatures, Is.Empty);
            Assert.That(response.ZkMigrationReady, Is.False);
        });
    }

    [Test]
    public void ApiVersionsResponse_v3_keeps_an_unknown_tagged_field_from_decode_to_encode()
    {
        ApiVersionsResponse response = Golden.Decode<ApiVersionsResponse>(ResponseV3, 3);
        Assert.That(response.UnknownTaggedFields, Has.Count.EqualTo(1));
        RawTaggedField unknown = response.UnknownTaggedFields![0];
        Assert.Multiple(() =>
        {
            Assert.That(unknown.Tag, Is.EqualTo(99));
            Assert.That(unknown.Data.ToArray(), Is.EqualTo(new byte[] { 0xAB, 0xCD }));
        });

        Golden.AssertEncodes(response, 3, ResponseV3);
    }

    [Test]
    public void ApiVersionsResponse_v3_without_tagged_fields_ends_with_a_zero_count()
    {
        byte[] golden =
        [
            0x00, 0x23,                            // ErrorCode = 35 (UNSUPPORTED_VERSION)
            0x01,                                  // ApiKeys: compact array, 0 elements
            0x00, 0x00, 0x00, 0x00,                // ThrottleTimeMs = 0
            0x00,                                  // tagged fields: count 0 (FinalizedFeaturesEpoch -1 is the default, not written)
        ];
        var expected = new ApiVersionsResponse { ErrorCode = 35 };

        Golden.AssertEncodes(expected, 3, golden);
        Golden.AssertDecodes(golden, 3, expected);
    }
}
