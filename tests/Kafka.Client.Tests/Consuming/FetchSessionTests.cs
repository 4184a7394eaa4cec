using Kafka.Client.Consuming;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Tests.Consuming;

/// <summary>The client side of KIP-227 incremental fetch sessions.</summary>
public class FetchSessionTests
{
    private static readonly FetcherSettings Settings = new(1, 500, 52_428_800, 1_048_576, 0, 1 << 20, true, "", AutoOffsetReset.Latest, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));

    private static FetchTarget Target(PartitionState state, long offset) => new(state, state.Version, offset, KafkaUuid.Zero, 0);

    private static List<(string, int, long)> Sent(FetchRequest request) =>
        [.. request.Topics.SelectMany(t => t.Partitions.Select(p => (t.Topic, p.Partition, p.FetchOffset)))];

    [Test]
    public void The_first_fetch_is_full_and_later_ones_send_only_what_changed_and_what_to_forget()
    {
        var p0 = new PartitionState(new TopicPartition("t", 0));
        var p1 = new PartitionState(new TopicPartition("t", 1));
        var p2 = new PartitionState(new TopicPartition("t", 2));
        var session = new FetchSession();

        FetchRequest first = session.Build([Target(p0, 0), Target(p1, 0), Target(p2, 0)], Settings);
        Assert.That((first.SessionId, first.SessionEpoch), Is.EqualTo((0, 0)), "asks for a new session");
        Assert.That(Sent(first), Has.Count.EqualTo(3));
        Assert.That(session.OnResponse(new FetchResponse { SessionId = 42 }), Is.True);

        // p0 moved on, p1 is unchanged, p2 was unassigned.
        FetchRequest second = session.Build([Target(p0, 10), Target(p1, 0)], Settings);
        Assert.That((second.SessionId, second.SessionEpoch), Is.EqualTo((42, 1)));
        Assert.That(Sent(second), Is.EqualTo(new[] { ("t", 0, 10L) }));
        Assert.That(second.ForgottenTopicsData.SelectMany(t => t.Partitions), Is.EqualTo(new[] { 2 }));
        Assert.That(session.OnResponse(new FetchResponse { SessionId = 42 }), Is.True);

        FetchRequest third = session.Build([Target(p0, 10), Target(p1, 0)], Settings);
        Assert.That(third.SessionEpoch, Is.EqualTo(2));
        Assert.That(Sent(third), Is.Empty, "nothing changed: the broker's session already knows every partition");
    }

    [Test]
    public void A_session_error_starts_over_with_a_full_fetch()
    {
        var p0 = new PartitionState(new TopicPartition("t", 0));
        var session = new FetchSession();
        session.Build([Target(p0, 0)], Settings);
        session.OnResponse(new FetchResponse { SessionId = 7 });
        session.Build([Target(p0, 5)], Settings);
        Assert.That(session.OnResponse(new FetchResponse { ErrorCode = (short)ErrorCode.FetchSessionIdNotFound }), Is.False);

        FetchRequest again = session.Build([Target(p0, 5)], Settings);
        Assert.That((again.SessionId, again.SessionEpoch), Is.EqualTo((0, 0)));
        Assert.That(Sent(again), Is.EqualTo(new[] { ("t", 0, 5L) }));
    }
}
