using Kafka.Client.Protocol.Tests.Messages;

namespace Kafka.Client.Protocol.Tests.Golden;

/// <summary>
/// Checks for the golden byte tests. The expected bytes in those tests are written by hand from the Kafka
/// message definitions (/work/shared/kafka-protocol/*.json) and the wire rules, never produced by our encoder.
/// </summary>
internal static class Golden
{
    /// <summary>Writing <paramref name="message"/> gives exactly <paramref name="golden"/>, and GetSize is its length.</summary>
    public static void AssertEncodes(IKafkaMessage message, short version, byte[] golden)
    {
        byte[] actual = RoundTripTests.Encode(message, version);
        Assert.Multiple(() =>
        {
            // Hex strings, so that a mismatch shows the bytes around the first difference.
            Assert.That(Hex(actual), Is.EqualTo(Hex(golden)), "written bytes");
            Assert.That(message.GetSize(version), Is.EqualTo(golden.Length), "GetSize");
        });
    }

    /// <summary>Reads <paramref name="golden"/> as a <typeparamref name="T"/>, checking that every byte is consumed.</summary>
    public static T Decode<T>(byte[] golden, short version)
        where T : IKafkaMessage<T>
    {
        var reader = new KafkaReader(golden.AsMemory());
        T message = T.Read(ref reader, version);
        Assert.That(reader.Remaining, Is.Zero, "Read consumes every byte");
        return message;
    }

    /// <summary>
    /// Reads <paramref name="golden"/>, compares every property with <paramref name="expected"/> and writes the
    /// result back, which must give the golden bytes again.
    /// </summary>
    public static T AssertDecodes<T>(byte[] golden, short version, T expected)
        where T : IKafkaMessage<T>
    {
        T decoded = Decode<T>(golden, version);
        Assert.That(MessageComparer.FindDifference(expected, decoded), Is.Null, "decoded properties");
        Assert.That(Hex(RoundTripTests.Encode(decoded, version)), Is.EqualTo(Hex(golden)), "decode then encode gives the golden bytes");
        return decoded;
    }

    public static string Hex(byte[] bytes) => BitConverter.ToString(bytes);
}
