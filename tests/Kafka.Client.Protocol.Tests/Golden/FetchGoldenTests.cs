using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Protocol.Tests.Golden;

/// <summary>Fetch (key 1) bodies, byte for byte, at v4 (classic) and v12 (first flexible version, tagged fields).</summary>
public class FetchGoldenTests
{
    // ---- FetchRequest v4 -------------------------------------------------------------------------------------

    private static readonly byte[] RequestV4 =
    [
        0xFF, 0xFF, 0xFF, 0xFF,                    // ReplicaId = -1 (consumer)
        0x00, 0x00, 0x01, 0xF4,                    // MaxWaitMs = 500
        0x00, 0x00, 0x00, 0x01,                    // MinBytes = 1
        0x03, 0x20, 0x00, 0x00,                    // MaxBytes = 52428800
        0x01,                                      // IsolationLevel = 1 (READ_COMMITTED, int8)
                                                   // (SessionId, SessionEpoch only from v7)
        0x00, 0x00, 0x00, 0x01,                    // Topics: int32 count = 1
        0x00, 0x03, 0x66, 0x6F, 0x6F,              //   [0] Topic = "foo"
        0x00, 0x00, 0x00, 0x01,                    //   [0] Partitions: int32 count = 1
        0x00, 0x00, 0x00, 0x00,                    //     [0] Partition = 0
                                                   //     (CurrentLeaderEpoch only from v9)
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x64, //     [0] FetchOffset = 100
                                                   //     (LogStartOffset only from v5)
        0x00, 0x10, 0x00, 0x00,                    //     [0] PartitionMaxBytes = 1048576
    ];

    private static FetchRequest NewRequestV4() => new()
    {
        ReplicaId = -1,
        MaxWaitMs = 500,
        MinBytes = 1,
        MaxBytes = 52428800,
        IsolationLevel = 1,
        Topics =
        [
            new() { Topic = "foo", Partitions = [new() { Partition = 0, FetchOffset = 100, PartitionMaxBytes = 1048576 }] },
        ],
    };

    [Test]
    public void FetchRequest_v4_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewRequestV4(), 4, RequestV4);
    }

    [Test]
    public void FetchRequest_v4_decodes_from_golden_bytes()
    {
        FetchRequest request = Golden.AssertDecodes(RequestV4, 4, NewRequestV4());
        Assert.Multiple(() =>
        {
            Assert.That(request.ReplicaId, Is.EqualTo(-1));
            Assert.That(request.MaxWaitMs, Is.EqualTo(500));
            Assert.That(request.MinBytes, Is.EqualTo(1));
            Assert.That(request.MaxBytes, Is.EqualTo(52428800));
            Assert.That(request.IsolationLevel, Is.EqualTo((sbyte)1));
            Assert.That(request.SessionEpoch, Is.EqualTo(-1), "absent before v7: default");
            Assert.That(request.Topics[0].Topic, Is.EqualTo("foo"));
            Assert.That(request.Topics[0].Partitions[0].FetchOffset, Is.EqualTo(100L));
            Assert.That(request.Topics[0].Partitions[0].PartitionMaxBytes, Is.EqualTo(1048576));
        });
    }

    // ---- FetchRequest v12: sessions, forgotten topics, rack, tagged ClusterId ---------------------------------

    private static readonly byte[] RequestV12 =
    [
                                                   // (ClusterId is tagged: written in the tagged section at the end)
        0xFF, 0xFF, 0xFF, 0xFF,                    // ReplicaId = -1
        0x00, 0x00, 0x01, 0xF4,                    // MaxWaitMs = 500
        0x00, 0x00, 0x00, 0x01,                    // MinBytes = 1
        0x03, 0x20, 0x00, 0x00,                    // MaxBytes = 52428800
        0x00,                                      // IsolationLevel = 0
        0x00, 0x00, 0x00, 0x07,                    // SessionId = 7
        0x00, 0x00, 0x00, 0x03,                    // SessionEpoch = 3
        0x02,                                      // Topics: compact array, 1 element
        0x04, 0x66, 0x6F, 0x6F,                    //   [0] Topic = "foo" (compact)
        0x02,                                      //   [0] Partitions: compact array, 1 element
        0x00, 0x00, 0x00, 0x02,                    //     [0] Partition = 2
        0x00, 0x00, 0x00, 0x05,                    //     [0] CurrentLeaderEpoch = 5
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x64, //     [0] FetchOffset = 100
        0x00, 0x00, 0x00, 0x04,                    //     [0] LastFetchedEpoch = 4
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, //     [0] LogStartOffset = -1
        0x00, 0x10, 0x00, 0x00,                    //     [0] PartitionMaxBytes = 1048576
        0x00,                                      //     [0] tagged fields: count 0
        0x00,                                      //   [0] tagged fields: count 0
        0x02,                                      // ForgottenTopicsData: compact array, 1 element
        0x04, 0x62, 0x61, 0x72,                    //   [0] Topic = "bar"
        0x03,                                      //   [0] Partitions: compact []int32, 2 elements
        0x00, 0x00, 0x00, 0x00,                    //       0
        0x00, 0x00, 0x00, 0x01,                    //       1
        0x00,                                      //   [0] tagged fields: count 0
        0x03, 0x72, 0x31,                          // RackId = "r1" (compact)
        0x01,                                      // tagged fields: count 1
        0x00,                                      //   tag 0 = ClusterId
        0x03,                                      //   size = 3
        0x03, 0x63, 0x31,                          //     "c1" (compact nullable string)
    ];

    private static FetchRequest NewRequestV12() => new()
    {
        ClusterId = "c1",
        ReplicaId = -1,
        MaxWaitMs = 500,
        MinBytes = 1,
        MaxBytes = 52428800,
        IsolationLevel = 0,
        SessionId = 7,
        SessionEpoch = 3,
        Topics =
        [
            new()
            {
                Topic = "foo",
                Partitions =
                [
                    new()
                    {
                        Partition = 2,
                        CurrentLeaderEpoch = 5,
                        FetchOffset = 100,
                        LastFetchedEpoch = 4,
                        LogStartOffset = -1,
                        PartitionMaxBytes = 1048576,
                    },
                ],
            },
        ],
        ForgottenTopicsData = [new() { Topic = "bar", Partitions = [0, 1] }],
        RackId = "r1",
    };

    [Test]
    public void FetchRequest_v12_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewRequestV12(), 12, RequestV12);
    }

    [Test]
    public void FetchRequest_v12_decodes_from_golden_bytes()
    {
        FetchRequest request = Golden.AssertDecodes(RequestV12, 12, NewRequestV12());
        Assert.Multiple(() =>
        {
            Assert.That(request.ClusterId, Is.EqualTo("c1"), "tagged field 0");
            Assert.That(request.SessionId, Is.EqualTo(7));
            Assert.That(request.SessionEpoch, Is.EqualTo(3));
            FetchRequest.FetchPartition partition = request.Topics[0].Partitions[0];
            Assert.That(partition.Partition, Is.EqualTo(2));
            Assert.That(partition.CurrentLeaderEpoch, Is.EqualTo(5));
            Assert.That(partition.FetchOffset, Is.EqualTo(100L));
            Assert.That(partition.LastFetchedEpoch, Is.EqualTo(4));
            Assert.That(partition.LogStartOffset, Is.EqualTo(-1L));
            Assert.That(request.ForgottenTopicsData[0].Topic, Is.EqualTo("bar"));
            Assert.That(request.ForgottenTopicsData[0].Partitions, Is.EqualTo(new[] { 0, 1 }));
            Assert.That(request.RackId, Is.EqualTo("r1"));
            Assert.That(request.UnknownTaggedFields, Is.Null);
        });
    }

    [Test]
    public void FetchRequest_v12_with_a_null_ClusterId_writes_no_tagged_field()
    {
        // Same request without ClusterId: the tagged section shrinks to its count, 0.
        FetchRequest request = NewRequestV12();
        request.ClusterId = null;
        byte[] golden = [.. RequestV12.AsSpan(0, RequestV12.Length - 6), 0x00];

        Golden.AssertEncodes(request, 12, golden);
        Assert.That(Golden.AssertDecodes(golden, 12, request).ClusterId, Is.Null);
    }

    // ---- FetchResponse v4 ------------------------------------------------------------------------------------

    private static readonly byte[] ResponseV4 =
    [
        0x00, 0x00, 0x00, 0x00,                    // ThrottleTimeMs = 0
                                                   // (ErrorCode, SessionId only from v7)
        0x00, 0x00, 0x00, 0x01,                    // Responses: int32 count = 1
        0x00, 0x03, 0x66, 0x6F, 0x6F,              //   [0] Topic = "foo"
        0x00, 0x00, 0x00, 0x01,                    //   [0] Partitions: int32 count = 1
        0x00, 0x00, 0x00, 0x00,                    //     [0] PartitionIndex = 0
        0x00, 0x00,                                //     [0] ErrorCode = 0
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC8, //     [0] HighWatermark = 200
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x96, //     [0] LastStableOffset = 150
                                                   //     (LogStartOffset only from v5)
        0x00, 0x00, 0x00, 0x01,                    //     [0] AbortedTransactions: int32 count = 1
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xE8, //         [0] ProducerId = 1000
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x78, //         [0] FirstOffset = 120
                                                   //     (PreferredReadReplica only from v11)
        0x00, 0x00, 0x00, 0x03,                    //     [0] Records: int32 length = 3
        0xAA, 0xBB, 0xCC,                          //         opaque record bytes
    ];

    private static FetchResponse NewResponseV4() => new()
    {
        ThrottleTimeMs = 0,
        Responses =
        [
            new()
            {
                Topic = "foo",
                Partitions =
                [
                    new()
                    {
                        PartitionIndex = 0,
                        ErrorCode = 0,
                        HighWatermark = 200,
                        LastStableOffset = 150,
                        AbortedTransactions = [new() { ProducerId = 1000, FirstOffset = 120 }],
                        Records = new byte[] { 0xAA, 0xBB, 0xCC },
                    },
                ],
            },
        ],
    };

    [Test]
    public void FetchResponse_v4_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV4(), 4, ResponseV4);
    }

    [Test]
    public void FetchResponse_v4_decodes_from_golden_bytes()
    {
        FetchResponse response = Golden.AssertDecodes(ResponseV4, 4, NewResponseV4());
        FetchResponse.PartitionData partition = response.Responses[0].Partitions[0];
        Assert.Multiple(() =>
        {
            Assert.That(response.Responses[0].Topic, Is.EqualTo("foo"));
            Assert.That(partition.HighWatermark, Is.EqualTo(200L));
            Assert.That(partition.LastStableOffset, Is.EqualTo(150L));
            Assert.That(partition.LogStartOffset, Is.EqualTo(-1L), "absent before v5: default");
            Assert.That(partition.AbortedTransactions, Has.Count.EqualTo(1));
            Assert.That(partition.AbortedTransactions![0].ProducerId, Is.EqualTo(1000L));
            Assert.That(partition.AbortedTransactions[0].FirstOffset, Is.EqualTo(120L));
            Assert.That(partition.Records!.Value.ToArray(), Is.EqualTo(new byte[] { 0xAA, 0xBB, 0xCC }));
        });
    }

    // ---- FetchResponse v12: null aborted transactions, tagged CurrentLeader ----------------------------------

    private static readonly byte[] ResponseV12 =
    [
        0x00, 0x00, 0x00, 0x00,                    // ThrottleTimeMs = 0
        0x00, 0x00,                                // ErrorCode = 0
        0x00, 0x00, 0x00, 0x07,                    // SessionId = 7
        0x02,                                      // Responses: compact array, 1 element
        0x04, 0x66, 0x6F, 0x6F,                    //   [0] Topic = "foo" (compact)
        0x02,                                      //   [0] Partitions: compact array, 1 element
        0x00, 0x00, 0x00, 0x00,                    //     [0] PartitionIndex = 0
        0x00, 0x00,                                //     [0] ErrorCode = 0
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC8, //     [0] HighWatermark = 200
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC8, //     [0] LastStableOffset = 200
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //     [0] LogStartOffset = 0
        0x00,                                      //     [0] AbortedTransactions = null (compact 0)
        0xFF, 0xFF, 0xFF, 0xFF,                    //     [0] PreferredReadReplica = -1
        0x04, 0xAA, 0xBB, 0xCC,                    //     [0] Records: compact, length+1 = 4, opaque bytes
        0x01,                                      //     [0] tagged fields: count 1
        0x01,                                      //         tag 1 = CurrentLeader
        0x09,                                      //         size = 9
        0x00, 0x00, 0x00, 0x01,                    //           LeaderId = 1
        0x00, 0x00, 0x00, 0x05,                    //           LeaderEpoch = 5
        0x00,                                      //           tagged fields: count 0
        0x00,                                      //   [0] tagged fields: count 0
        0x00,                                      // tagged fields: count 0
    ];

    private static FetchResponse NewResponseV12() => new()
    {
        ThrottleTimeMs = 0,
        ErrorCode = 0,
        SessionId = 7,
        Responses =
        [
            new()
            {
                Topic = "foo",
                Partitions =
                [
                    new()
                    {
                        PartitionIndex = 0,
                        ErrorCode = 0,
                        HighWatermark = 200,
                        LastStableOffset = 200,
                        LogStartOffset = 0,
                        AbortedTransactions = null,
                        PreferredReadReplica = -1,
                        Records = new byte[] { 0xAA, 0xBB, 0xCC },
                        CurrentLeader = new() { LeaderId = 1, LeaderEpoch = 5 },
                    },
                ],
            },
        ],
    };

    [Test]
    public void FetchResponse_v12_encodes_to_golden_bytes()
    {
        Golden.AssertEncodes(NewResponseV12(), 12, ResponseV12);
    }

    [Test]
    public void FetchResponse_v12_decodes_from_golden_bytes()
    {
        FetchResponse response = Golden.AssertDecodes(ResponseV12, 12, NewResponseV12());
        FetchResponse.PartitionData partition = response.Responses[0].Partitions[0];
        Assert.Multiple(() =>
        {
            Assert.That(response.SessionId, Is.EqualTo(7));
            Assert.That(partition.HighWatermark, Is.EqualTo(200L));
            Assert.That(partition.LogStartOffset, Is.Zero);
            Assert.That(partition.AbortedTransactions, Is.Null);
            Assert.That(partition.PreferredReadReplica, Is.EqualTo(-1));
            Assert.That(partition.Records!.Value.ToArray(), Is.EqualTo(new byte[] { 0xAA, 0xBB, 0xCC }));
            Assert.That(partition.CurrentLeader.LeaderId, Is.EqualTo(1), "tagged field 1");
            Assert.That(partition.CurrentLeader.LeaderEpoch, Is.EqualTo(5));
            Assert.That(partition.DivergingEpoch.Epoch, Is.EqualTo(-1), "tag 0 absent: default");
            Assert.That(partition.SnapshotId.EndOffset, Is.EqualTo(-1L), "tag 2 absent: default");
        });
    }
}
