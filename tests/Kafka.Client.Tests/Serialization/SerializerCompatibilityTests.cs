using System.Buffers;
using CK = Confluent.Kafka;

namespace Kafka.Client.Tests.Serialization;

/// <summary>Our serializers write exactly the bytes Confluent.Kafka's write.</summary>
public class SerializerCompatibilityTests
{
    private static readonly SerializationContext Ours = new(MessageComponentType.Value, "t");
    private static readonly CK.SerializationContext Theirs = new(CK.MessageComponentType.Value, "t");

    private static readonly string[] Strings =
    [
        "", "hello", "héllo wörld", "日本語のテキスト", "emoji 😀 and 𝄞 (surrogate pairs)", "tab\tnew\nline\0nul",
        new string('x', 5_000), string.Concat(Enumerable.Repeat("ü😀", 2_000)),
    ];

    private static readonly int[] Int32s = [0, 1, -1, 42, 255, 256, int.MinValue, int.MaxValue, 0x12345678, -0x12345678];

    private static readonly long[] Int64s = [0, 1, -1, 42, long.MinValue, long.MaxValue, 0x0123456789ABCDEF, -0x0123456789ABCDEF, int.MaxValue + 1L];

    private static readonly double[] Doubles =
        [0.0, -0.0, 1.0, -1.5, Math.PI, double.Epsilon, double.MaxValue, double.MinValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300];

    private static readonly float[] Singles =
        [0f, -0f, 1f, -1.5f, MathF.PI, float.Epsilon, float.MaxValue, float.MinValue, float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    [TestCaseSource(nameof(Strings))]
    public void Utf8_writes_what_Confluent_writes(string value) =>
        Assert.That(Write(Serializers.Utf8, value), Is.EqualTo(CK.Serializers.Utf8.Serialize(value, Theirs)));

    [TestCaseSource(nameof(Int32s))]
    public void Int32_writes_what_Confluent_writes(int value) =>
        Assert.That(Write(Serializers.Int32, value), Is.EqualTo(CK.Serializers.Int32.Serialize(value, Theirs)));

    [TestCaseSource(nameof(Int64s))]
    public void Int64_writes_what_Confluent_writes(long value) =>
        Assert.That(Write(Serializers.Int64, value), Is.EqualTo(CK.Serializers.Int64.Serialize(value, Theirs)));

    [TestCaseSource(nameof(Doubles))]
    public void Double_writes_what_Confluent_writes(double value) =>
        Assert.That(Write(Serializers.Double, value), Is.EqualTo(CK.Serializers.Double.Serialize(value, Theirs)));

    [TestCaseSource(nameof(Singles))]
    public void Single_writes_what_Confluent_writes(float value) =>
        Assert.That(Write(Serializers.Single, value), Is.EqualTo(CK.Serializers.Single.Serialize(value, Theirs)));

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(100)]
    [TestCase(70_000)]
    public void Byte_arrays_and_memory_are_written_as_Confluent_writes_byte_arrays(int length)
    {
        byte[] value = new byte[length];
        new Random(length).NextBytes(value);
        byte[] expected = CK.Serializers.ByteArray.Serialize(value, Theirs);
        Assert.Multiple(() =>
        {
            Assert.That(Write(Serializers.ByteArray, value), Is.EqualTo(expected));
            Assert.That(Write(Serializers.ReadOnlyMemory, new ReadOnlyMemory<byte>(value)), Is.EqualTo(expected));
        });
    }

    [Test]
    public void Random_numbers_match_Confluent_byte_for_byte()
    {
        var random = new Random(99);
        for (int i = 0; i < 1_000; i++)
        {
            long l = random.NextInt64(long.MinValue, long.MaxValue);
            double d = BitConverter.Int64BitsToDouble(random.NextInt64());
            Assert.That(Write(Serializers.Int64, l), Is.EqualTo(CK.Serializers.Int64.Serialize(l, Theirs)));
            Assert.That(Write(Serializers.Int32, (int)l), Is.EqualTo(CK.Serializers.Int32.Serialize((int)l, Theirs)));
            Assert.That(Write(Serializers.Double, d), Is.EqualTo(CK.Serializers.Double.Serialize(d, Theirs)));
        }
    }

    [Test]
    public void Serializers_append_after_what_the_buffer_already_holds()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write<byte>([9, 9]);
        Serializers.Int32.Serialize(1, buffer, Ours);
        Serializers.Utf8.Serialize("ab", buffer, Ours);
        Assert.That(buffer.WrittenSpan.ToArray(), Is.EqualTo(new byte[] { 9, 9, 0, 0, 0, 1, (byte)'a', (byte)'b' }));
    }

    [Test]
    public void The_null_serializer_writes_nothing() =>
        Assert.That(CK.Serializers.Null.Serialize(null!, Theirs), Is.Null, "Confluent sends null; the producer sends null without calling ours");

    private static byte[] Write<T>(ISerializer<T> serializer, T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(value, buffer, Ours);
        return buffer.WrittenSpan.ToArray();
    }
}
