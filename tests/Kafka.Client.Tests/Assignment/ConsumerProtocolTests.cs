using Kafka.Client.Consuming.Assignment;
using Kafka.Client.Protocol;
using static Kafka.Client.Tests.Assignment.Groups;

namespace Kafka.Client.Tests.Assignment;

/// <summary>The consumer protocol's subscription and assignment codecs: every version, newer versions, bad bytes.</summary>
public class ConsumerProtocolTests
{
    private static readonly byte[] UserData = [1, 2, 3];

    [TestCase((short)0)]
    [TestCase((short)1)]
    [TestCase((short)2)]
    [TestCase((short)3)]
    public void A_subscription_round_trips_with_the_fields_of_its_version(short version)
    {
        byte[] bytes = ConsumerProtocol.EncodeSubscription(
            ["b", "a"], UserData, [Tp("b", 1), Tp("a", 4), Tp("b", 0)], 12, "rack-1", version);

        GroupMemberSubscription decoded = ConsumerProtocol.DecodeSubscription("m1", "i1", bytes);

        Assert.Multiple(() =>
        {
            Assert.That(bytes[..2], Is.EqualTo(new byte[] { 0, (byte)version }));
            Assert.That(decoded.MemberId, Is.EqualTo("m1"));
            Assert.That(decoded.GroupInstanceId, Is.EqualTo("i1"));
            Assert.That(decoded.Topics, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(decoded.UserData.ToArray(), Is.EqualTo(UserData));
            Assert.That(decoded.OwnedPartitions, Is.EqualTo(version >= 1 ? new[] { Tp("a", 4), Tp("b", 0), Tp("b", 1) } : Array.Empty<TopicPartition>()));
            Assert.That(decoded.GenerationId, Is.EqualTo(version >= 2 ? 12 : -1));
            Assert.That(decoded.RackId, Is.EqualTo(version >= 3 ? "rack-1" : null));
        });
    }

    [Test]
    public void A_v3_subscription_has_Kafkas_layout()
    {
        byte[] bytes = ConsumerProtocol.EncodeSubscription(["t"], default, [Tp("t", 2)], 5, null);

        byte[] expected =
        [
            0, 3,                               // version
            0, 0, 0, 1, 0, 1, (byte)'t',        // topics ["t"]
            0, 0, 0, 0,                         // user data: empty, not null
            0, 0, 0, 1, 0, 1, (byte)'t', 0, 0, 0, 1, 0, 0, 0, 2,   // owned partitions: t [2]
            0, 0, 0, 5,                         // generation
            255, 255,                           // rack: null
        ];
        Assert.That(bytes, Is.EqualTo(expected));
    }

    [Test]
    public void A_subscription_of_a_newer_version_is_read_as_v3_ignoring_what_follows()
    {
        byte[] v3 = ConsumerProtocol.EncodeSubscription(["t"], UserData, [Tp("t", 0)], 8, "r");
        byte[] v9 = [0, 9, .. v3[2..], 0, 0, 0, 42, 7, 7];

        GroupMemberSubscription decoded = ConsumerProtocol.DecodeSubscription("m", null, v9);

        Assert.Multiple(() =>
        {
            Assert.That(decoded.Topics, Is.EqualTo(new[] { "t" }));
            Assert.That(decoded.OwnedPartitions, Is.EqualTo(new[] { Tp("t", 0) }));
            Assert.That(decoded.GenerationId, Is.EqualTo(8));
            Assert.That(decoded.RackId, Is.EqualTo("r"));
        });
    }

    [Test]
    public void Null_user_data_and_an_empty_rack_read_as_none()
    {
        byte[] bytes = [0, 3, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0];

        GroupMemberSubscription decoded = ConsumerProtocol.DecodeSubscription("m", null, bytes);

        Assert.Multiple(() =>
        {
            Assert.That(decoded.Topics, Is.Empty);
            Assert.That(decoded.UserData.IsEmpty, Is.True);
            Assert.That(decoded.RackId, Is.Null);
        });
    }

    [TestCase(new byte[0], TestName = "Empty metadata is rejected")]
    [TestCase(new byte[] { 0 }, TestName = "One byte is rejected")]
    [TestCase(new byte[] { 255, 255, 0, 0, 0, 0 }, TestName = "A negative version is rejected")]
    [TestCase(new byte[] { 0, 0, 0, 0, 0, 1 }, TestName = "A truncated subscription is rejected")]
    [TestCase(new byte[] { 0, 0, 127, 255, 255, 255 }, TestName = "A huge topic count is rejected")]
    [TestCase(new byte[] { 0, 1, 255, 255, 255, 255, 255, 255, 255, 255 }, TestName = "A null topic list is rejected")]
    [TestCase(new byte[] { 0, 0, 0, 0, 0, 1, 0, 2, 0xC3, 0x28, 0, 0, 0, 0 }, TestName = "A topic that is not UTF-8 is rejected")]
    public void Malformed_subscription(byte[] metadata)
    {
        var e = Assert.Throws<KafkaException>(() => ConsumerProtocol.DecodeSubscription("member-1", null, metadata));
        Assert.Multiple(() =>
        {
            Assert.That(e!.Error, Is.EqualTo(ErrorCode.InconsistentGroupProtocol));
            Assert.That(e.Message, Does.Contain("member-1"));
        });
    }

    [Test]
    public void Random_bytes_decode_or_fail_with_a_KafkaException_only()
    {
        var random = new Random(20240601);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            if (bytes.Length >= 2 && random.Next(2) == 0)
            {
                bytes[0] = 0;
                bytes[1] = (byte)random.Next(0, 5);
            }

            try
            {
                ConsumerProtocol.DecodeSubscription("m", null, bytes);
                ConsumerProtocol.DecodeAssignment(bytes);
            }
            catch (KafkaException e)
            {
                Assert.That(e.Error, Is.EqualTo(ErrorCode.InconsistentGroupProtocol), Convert.ToHexString(bytes));
            }
        }
    }

    [TestCase((short)0)]
    [TestCase((short)1)]
    [TestCase((short)2)]
    [TestCase((short)3)]
    public void An_assignment_round_trips_at_every_version(short version)
    {
        var assignment = new MemberAssignment([Tp("b", 3), Tp("a", 0), Tp("b", 1)], UserData);

        byte[] bytes = ConsumerProtocol.EncodeAssignment(assignment, version);
        MemberAssignment decoded = ConsumerProtocol.DecodeAssignment(bytes);

        Assert.Multiple(() =>
        {
            Assert.That(bytes[..2], Is.EqualTo(new byte[] { 0, (byte)version }));
            Assert.That(decoded.Partitions, Is.EqualTo(new[] { Tp("b", 3), Tp("b", 1), Tp("a", 0) }));
            Assert.That(decoded.UserData.ToArray(), Is.EqualTo(UserData));
        });
    }

    [Test]
    public void An_assignment_has_Kafkas_layout_and_its_body_is_the_same_in_every_version()
    {
        byte[] expected =
        [
            0, 0, 0, 1, 0, 1, (byte)'t', 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0,   // t [1, 0]
            0, 0, 0, 0,                                                         // user data: empty
        ];
        var assignment = new MemberAssignment([Tp("t", 1), Tp("t", 0)]);

        Assert.Multiple(() =>
        {
            Assert.That(ConsumerProtocol.EncodeAssignment(assignment), Is.EqualTo((byte[])[0, 3, .. expected]));
            Assert.That(ConsumerProtocol.EncodeAssignment(assignment, 0), Is.EqualTo((byte[])[0, 0, .. expected]));
        });
    }

    [Test]
    public void An_assignment_of_a_newer_version_and_a_null_user_data_are_read()
    {
        byte[] bytes = [0, 7, 0, 0, 0, 1, 0, 1, (byte)'t', 0, 0, 0, 1, 0, 0, 0, 4, 255, 255, 255, 255, 9, 9];

        MemberAssignment decoded = ConsumerProtocol.DecodeAssignment(bytes);

        Assert.Multiple(() =>
        {
            Assert.That(decoded.Partitions, Is.EqualTo(new[] { Tp("t", 4) }));
            Assert.That(decoded.UserData.IsEmpty, Is.True);
        });
    }

    [Test]
    public void Empty_member_state_is_an_empty_assignment_as_the_coordinator_sends_it_to_members_left_out()
    {
        MemberAssignment decoded = ConsumerProtocol.DecodeAssignment([]);
        Assert.That(decoded.Partitions, Is.Empty);
    }

    [TestCase(new byte[] { 0 })]
    [TestCase(new byte[] { 128, 0, 0, 0, 0, 0 })]
    [TestCase(new byte[] { 0, 0, 0, 0, 0, 1, 0, 1 })]
    [TestCase(new byte[] { 0, 0, 0, 0, 0, 1, 0, 1, (byte)'t', 255, 255, 255, 255, 0, 0, 0, 0 })]
    public void A_malformed_assignment_is_rejected(byte[] memberState)
    {
        var e = Assert.Throws<KafkaException>(() => ConsumerProtocol.DecodeAssignment(memberState));
        Assert.That(e!.Error, Is.EqualTo(ErrorCode.InconsistentGroupProtocol));
    }

    [Test]
    public void Versions_we_cannot_write_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => ConsumerProtocol.EncodeSubscription(["t"], default, [], -1, null, 4));
            Assert.Throws<ArgumentOutOfRangeException>(() => ConsumerProtocol.EncodeAssignment(new MemberAssignment([]), -1));
        });
    }
}
