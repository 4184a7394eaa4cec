namespace Kafka.Client.Protocol.Tests;

public class KafkaReaderTests
{
    [Test]
    public void Nullable_bytes_with_length_minus_one_read_as_null()
    {
        byte[] frame = [0xFF, 0xFF, 0xFF, 0xFF];
        var reader = new KafkaReader(frame.AsMemory());
        Assert.That(reader.ReadNullableBytes("f"), Is.Null);
        Assert.That(reader.End, Is.True);
    }

    [Test]
    public void Compact_nullable_bytes_with_length_zero_read_as_null()
    {
        byte[] frame = [0x00];
        var reader = new KafkaReader(frame.AsMemory());
        Assert.That(reader.ReadCompactNullableBytes("f"), Is.Null);
        Assert.That(reader.End, Is.True);
    }

    [Test]
    public void Empty_nullable_bytes_read_as_empty_not_null()
    {
        byte[] frame = [0x00, 0x00, 0x00, 0x00, 0x01];
        var reader = new KafkaReader(frame.AsMemory());
        ReadOnlyMemory<byte>? classic = reader.ReadNullableBytes("f");
        ReadOnlyMemory<byte>? compact = reader.ReadCompactNullableBytes("f");
        Assert.Multiple(() =>
        {
            Assert.That(classic.HasValue, Is.True);
            Assert.That(classic!.Value.IsEmpty, Is.True);
            Assert.That(compact.HasValue, Is.True);
            Assert.That(compact!.Value.IsEmpty, Is.True);
        });
    }

    [Test]
    public void Nullable_bytes_read_from_a_span_are_null_too()
    {
        byte[] frame = [0xFF, 0xFF, 0xFF, 0xFF, 0x00];
        var reader = new KafkaReader(frame.AsSpan());
        Assert.That(reader.ReadNullableBytes("f"), Is.Null);
        Assert.That(reader.ReadCompactNullableBytes("f"), Is.Null);
    }

    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFE })]
    [TestCase(new byte[] { 0x80, 0x00, 0x00, 0x00 })]
    public void Nullable_bytes_with_a_length_below_minus_one_are_a_protocol_error(byte[] frame)
    {
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(frame.AsMemory());
            reader.ReadNullableBytes("f");
        });
    }

    [Test]
    public void Null_where_bytes_are_required_fails_unless_the_reader_reads_it_as_empty()
    {
        byte[] frame = [0xFF, 0xFF, 0xFF, 0xFF, 0x00];
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var strict = new KafkaReader(frame.AsMemory());
            strict.ReadBytes("f");
        });
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var strict = new KafkaReader(frame.AsMemory(4));
            strict.ReadCompactBytes("f");
        });

        var lenient = new KafkaReader(frame.AsMemory()) { NullBytesAsEmpty = true };
        Assert.That(lenient.ReadBytes("f").Length, Is.Zero);
        Assert.That(lenient.ReadCompactBytes("f").Length, Is.Zero);
        Assert.That(lenient.End, Is.True);
    }
}
