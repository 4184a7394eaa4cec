using System.Buffers;

namespace Kafka.Client.Tests.Serialization;

/// <summary>GetDefault picks the built-in for a type; the fixed-size and byte serializers do not allocate.</summary>
public class DefaultSerializerTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "t");

    [Test]
    public void Every_built_in_type_has_a_default_serializer()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Serializers.GetDefault<string>(), Is.SameAs(Serializers.Utf8));
            Assert.That(Serializers.GetDefault<byte[]>(), Is.SameAs(Serializers.ByteArray));
            Assert.That(Serializers.GetDefault<ReadOnlyMemory<byte>>(), Is.SameAs(Serializers.ReadOnlyMemory));
            Assert.That(Serializers.GetDefault<int>(), Is.SameAs(Serializers.Int32));
            Assert.That(Serializers.GetDefault<long>(), Is.SameAs(Serializers.Int64));
            Assert.That(Serializers.GetDefault<float>(), Is.SameAs(Serializers.Single));
            Assert.That(Serializers.GetDefault<double>(), Is.SameAs(Serializers.Double));
            Assert.That(Serializers.GetDefault<Null>(), Is.SameAs(Serializers.Null));
        });
    }

    [Test]
    public void Every_built_in_type_has_a_default_deserializer()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Deserializers.GetDefault<string>(), Is.SameAs(Deserializers.Utf8));
            Assert.That(Deserializers.GetDefault<byte[]>(), Is.SameAs(Deserializers.ByteArray));
            Assert.That(Deserializers.GetDefault<ReadOnlyMemory<byte>>(), Is.SameAs(Deserializers.ReadOnlyMemory));
            Assert.That(Deserializers.GetDefault<int>(), Is.SameAs(Deserializers.Int32));
            Assert.That(Deserializers.GetDefault<long>(), Is.SameAs(Deserializers.Int64));
            Assert.That(Deserializers.GetDefault<float>(), Is.SameAs(Deserializers.Single));
            Assert.That(Deserializers.GetDefault<double>(), Is.SameAs(Deserializers.Double));
            Assert.That(Deserializers.GetDefault<Null>(), Is.SameAs(Deserializers.Null));
            Assert.That(Deserializers.GetDefault<Ignore>(), Is.SameAs(Deserializers.Ignore));
        });
    }

    [Test]
    public void A_type_without_a_built_in_serializer_is_named_in_the_error()
    {
        Assert.That(() => Serializers.GetDefault<Guid>(), Throws.InvalidOperationException.With.Message.Contains("System.Guid"));
        Assert.That(() => Deserializers.GetDefault<DateTime>(), Throws.InvalidOperationException.With.Message.Contains("System.DateTime"));
        Assert.That(() => Serializers.GetDefault<Ignore>(), Throws.InvalidOperationException.With.Message.Contains("Ignore"), "Ignore is for consumers only");
    }

    [Test]
    public void Numbers_bytes_and_ascii_text_serialize_without_allocating()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        byte[] bytes = new byte[100];
        ReadOnlyMemory<byte> memory = bytes;
        const string text = "an ASCII key of some length";

        for (int warmUp = 0; warmUp < 2; warmUp++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                buffer.ResetWrittenCount();
                Serializers.Int32.Serialize(i, buffer, Context);
                Serializers.Int64.Serialize(i, buffer, Context);
                Serializers.Double.Serialize(i, buffer, Context);
                Serializers.Single.Serialize(i, buffer, Context);
                Serializers.ByteArray.Serialize(bytes, buffer, Context);
                Serializers.ReadOnlyMemory.Serialize(memory, buffer, Context);
                Serializers.Utf8.Serialize(text, buffer, Context);
            }

            if (warmUp == 1)
            {
                Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
            }
        }
    }
}
