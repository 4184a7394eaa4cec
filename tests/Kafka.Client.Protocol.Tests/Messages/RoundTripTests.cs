using Kafka.Client.Protocol.Tests.Generated;

namespace Kafka.Client.Protocol.Tests.Messages;

/// <summary>
/// Every message at every version, with every field present in that version set to a non-default value
/// (generated test data), is written, read back and written again.
/// </summary>
public class RoundTripTests
{
    public static IEnumerable<TestCaseData> AllVersions()
    {
        foreach (var (name, lowest, highest) in MessageSamples.All)
        {
            for (short v = lowest; v <= highest; v++)
            {
                yield return new TestCaseData(name, v).SetName($"{name}_v{v}_round_trips");
            }
        }
    }

    [TestCaseSource(nameof(AllVersions))]
    public void Message_round_trips(string name, short version)
    {
        IKafkaMessage original = MessageSamples.Create(name, version);
        byte[] first = Encode(original, version);
        Assert.That(first, Has.Length.EqualTo(original.GetSize(version)), "GetSize matches what Write writes");

        var reader = new KafkaReader(first.AsMemory());
        IKafkaMessage decoded = MessageSamples.Read(name, ref reader, version);
        Assert.That(reader.Remaining, Is.Zero, "Read consumes every byte");
        Assert.That(MessageComparer.FindDifference(original, decoded), Is.Null);

        byte[] second = Encode(decoded, version);
        Assert.That(second, Is.EqualTo(first), "re-encoding gives the same bytes");
    }

    [Test]
    public void Every_request_and_response_has_samples_at_every_version()
    {
        int apis = KafkaApis.All.Count;
        Assert.That(apis, Is.EqualTo(88));
        Assert.That(MessageSamples.All.Count(m => m.Name.EndsWith("Request", StringComparison.Ordinal)), Is.EqualTo(apis));
        Assert.That(MessageSamples.All.Count(m => m.Name.EndsWith("Response", StringComparison.Ordinal)), Is.EqualTo(apis));
    }

    internal static byte[] Encode(IKafkaMessage message, short version)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new KafkaWriter(buffer);
        message.Write(ref writer, version);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
