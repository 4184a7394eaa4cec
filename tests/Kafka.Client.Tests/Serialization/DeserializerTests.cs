using System.Buffers;
using CK = Confluent.Kafka;

namespace Kafka.Client.Tests.Serialization;

/// <summary>Our deserializers read our bytes and Confluent.Kafka's, and treat null and malformed data as Confluent's do.</summary>
public class DeserializerTests
{
    private static readonly SerializationContext Ours = new(MessageComponentType.Key, "t");
    private static readonly CK.SerializationContext Theirs = new(CK.MessageComponentType.Key, "t");

    [TestCase("")]
    [TestCase("héllo 😀 日本")]
    public void Strings_round_trip_and_read_Confluent_bytes(string value)
    {
        Assert.That(Deserializers.Utf8.Deserialize(Write(Serializers.Utf8, value), false, Ours), Is.EqualTo(value));
        Assert.That(Deserializers.Utf8.Deserialize(CK.Serializers.Utf8.Serialize(value, Theirs), false, Ours), Is.EqualTo(value));
        Assert.That(CK.Deserializers.Utf8.Deserialize(Write(Serializers.Utf8, value), false, Theirs), Is.EqualTo(value));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    [TestCase(int.MaxValue)]
    [TestCase(0x01020304)]
    public void Int32_round_trips_both_ways_with_Confluent(int value)
    {
        Assert.That(Deserializers.Int32.Deserialize(Write(Serializers.Int32, value), false, Ours), Is.EqualTo(value));
        Assert.That(Deserializers.Int32.Deserialize(CK.Serializers.Int32.Serialize(value, Theirs), false, Ours), Is.EqualTo(value));
        Assert.That(CK.Deserializers.Int32.Deserialize(Write(Serializers.Int32, value), false, Theirs), Is.EqualTo(value));
    }

    [TestCase(0L)]
    [TestCase(-1L)]
    [TestCase(long.MinValue)]
    [TestCase(long.MaxValue)]
    [TestCase(0x0102030405060708L)]
    public void Int64_round_trips_both_ways_with_Confluent(long value)
    {
        Assert.That(Deserializers.Int64.Deserialize(Write(Serializers.Int64, value), false, Ours), Is.EqualTo(value));
        Assert.That(Deserializers.Int64.Deserialize(CK.Serializers.Int64.Serialize(value, Theirs), false, Ours), Is.EqualTo(value));
        Assert.That(CK.Deserializers.Int64.Deserialize(Write(Serializers.Int64, value), false, Theirs), Is.EqualTo(value));
    }

    [TestCase(0.0)]
    [TestCase(-2.5)]
    [TestCase(double.NaN)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(double.Epsilon)]
    public void Floating_point_round_trips_both_ways_with_Confluent(double value)
    {
        Assert.That(Deserializers.Double.Deserialize(Write(Serializers.Double, value), false, Ours), Is.EqualTo(value));
        Assert.That(Deserializers.Double.Deserialize(CK.Serializers.Double.Serialize(value, Theirs), false, Ours), Is.EqualTo(value));
        Assert.That(CK.Deserializers.Double.Deserialize(Write(Serializers.Double, value), false, Theirs), Is.EqualTo(value));
        float single = (float)value;
        Assert.That(Deserializers.Single.Deserialize(Write(Serializers.Single, single), false, Ours), Is.EqualTo(single));
        Assert.That(CK.Deserializers.Single.Deserialize(Write(Serializers.Single, single), false, Theirs), Is.EqualTo(single));
    }

    [Test]
    public void Bytes_are_copied_out_of_the_input()
    {
        byte[] input = [1, 2, 3];
        byte[]? array = Deserializers.ByteArray.Deserialize(input, false, Ours);
        ReadOnlyMemory<byte> memory = Deserializers.ReadOnlyMemory.Deserialize(input, false, Ours);
        input[0] = 99;
        Assert.That(array, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(memory.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void Null_data_becomes_null_for_references_and_empty_memory()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Deserializers.Utf8.Deserialize(default, true, Ours), Is.Null);
            Assert.That(Deserializers.ByteArray.Deserialize(default, true, Ours), Is.Null);
            Assert.That(Deserializers.ReadOnlyMemory.Deserialize(default, true, Ours).IsEmpty, Is.True);
            Assert.That(Deserializers.Null.Deserialize(default, true, Ours), Is.Null);
            Assert.That(Deserializers.Ignore.Deserialize([1, 2, 3], false, Ours), Is.Null);
            Assert.That(Deserializers.Utf8.Deserialize(default, false, Ours), Is.Empty, "empty is not null");
            Assert.That(Deserializers.ByteArray.Deserialize(default, false, Ours), Is.Empty, "empty is not null");
        });
    }

    [Test]
    public void Numbers_reject_null_and_wrong_lengths_as_Confluent_does()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Deserializers.Int32.Deserialize(default, true, Ours), Throws.ArgumentNullException);
            Assert.That(() => Deserializers.Int64.Deserialize(default, true, Ours), Throws.ArgumentNullException);
            Assert.That(() => Deserializers.Double.Deserialize(default, true, Ours), Throws.ArgumentNullException);
            Assert.That(() => Deserializers.Int32.Deserialize(new byte[3], false, Ours), Throws.ArgumentException.With.Message.Contains("length 3"));
            Assert.That(() => Deserializers.Int64.Deserialize(new byte[4], false, Ours), Throws.ArgumentException.With.Message.Contains("length 4"));
            Assert.That(() => Deserializers.Single.Deserialize(new byte[8], false, Ours), Throws.ArgumentException);
            Assert.That(() => Deserializers.Null.Deserialize([1], false, Ours), Throws.ArgumentException);
        });
    }

    private static byte[] Write<T>(ISerializer<T> serializer, T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(value, buffer, Ours);
        return buffer.WrittenSpan.ToArray();
    }
}
