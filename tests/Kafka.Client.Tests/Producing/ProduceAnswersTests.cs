using Kafka.Client.Producing;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Tests.Producing;

/// <summary>Each batch finds its answer in a Produce response, whatever order the broker lists the partitions in.</summary>
public class ProduceAnswersTests
{
    private static readonly TopicPartition[] Batches =
        [new("a", 0), new("a", 1), new("b", 0), new("a", 2), new("b", 1)];

    [Test]
    public void Answers_in_the_requests_order_are_found()
    {
        // The request groups by topic in first-seen order: a [0, 1, 2], b [0, 1].
        ProduceResponse response = Response(("a", [0, 1, 2]), ("b", [0, 1]));
        AssertEachFound(response);
    }

    [Test]
    public void Answers_in_another_order_are_found()
    {
        // Kafka's broker builds the response from a hash map: any order.
        ProduceResponse response = Response(("b", [1, 0]), ("a", [2, 0, 1]));
        AssertEachFound(response);
    }

    [Test]
    public void A_partition_the_response_does_not_mention_has_no_answer()
    {
        var answers = new ProduceAnswers(Response(("a", [0, 1])));
        Assert.Multiple(() =>
        {
            Assert.That(answers.Find(new TopicPartition("a", 0))!.Index, Is.Zero);
            Assert.That(answers.Find(new TopicPartition("b", 0)), Is.Null);
            Assert.That(answers.Find(new TopicPartition("a", 7)), Is.Null);
            Assert.That(answers.Find(new TopicPartition("a", 1))!.Index, Is.EqualTo(1));
        });
    }

    private static void AssertEachFound(ProduceResponse response)
    {
        var answers = new ProduceAnswers(response);
        foreach (TopicPartition batch in Batches)
        {
            ProduceResponse.PartitionProduceResponse? answer = answers.Find(batch);
            Assert.That(answer, Is.Not.Null, batch.ToString());
            Assert.That(answer!.BaseOffset, Is.EqualTo(Offset(batch.Topic, batch.Partition)), batch.ToString());
        }
    }

    private static long Offset(string topic, int partition) => (topic == "a" ? 100 : 200) + partition;

    private static ProduceResponse Response(params (string Topic, int[] Partitions)[] topics)
    {
        var response = new ProduceResponse();
        foreach (var (topic, partitions) in topics)
        {
            response.Responses.Add(new ProduceResponse.TopicProduceResponse
            {
                Name = topic,
                PartitionResponses = [.. partitions.Select(p => new ProduceResponse.PartitionProduceResponse { Index = p, BaseOffset = Offset(topic, p) })],
            });
        }

        return response;
    }
}
