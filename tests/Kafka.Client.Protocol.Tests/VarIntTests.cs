namespace Kafka.Client.Protocol.Tests;

public class VarIntTests
{
    [TestCase(0, new byte[] { 0x00 })]
    [TestCase(1, new byte[] { 0x02 })]
    [TestCase(-1, new byte[] { 0x01 })]
    [TestCase(63, new byte[] { 0x7E })]
    [TestCase(-64, new byte[] { 0x7F })]
    [TestCase(64, new byte[] { 0x80, 0x01 })]
    [TestCase(300, new byte[] { 0xD8, 0x04 })]
    [TestCase(int.MaxValue, new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x0F })]
    [TestCase(int.MinValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    public void Zigzag_varint_matches_Kafka_encoding(int value, byte[] expected)
    {
        var buffer = new byte[5];
        int written = VarInt.Write(buffer, value);
        Assert.That(buffer[..written], Is.EqualTo(expected));
        Assert.That(VarInt.SizeOf(value), Is.EqualTo(expected.Length));
        var reader = new KafkaReader(expected.AsSpan());
        Assert.That(reader.ReadVarInt("v"), Is.EqualTo(value));
    }

    [TestCase(long.MaxValue)]
    [TestCase(long.MinValue)]
    [TestCase(-1L)]
    [TestCase(1_700_000_000_000L)]
    public void Zigzag_varlong_round_trips(long value)
    {
        var buffer = new byte[10];
        int written = VarInt.Write(buffer, value);
        Assert.That(written, Is.EqualTo(VarInt.SizeOf(value)));
        var reader = new KafkaReader(buffer.AsSpan(0, written));
        Assert.That(reader.ReadVarLong("v"), Is.EqualTo(value));
    }

    [Test]
    public void A_varint_longer_than_five_bytes_is_a_protocol_error()
    {
        byte[] bytes = [0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
        var ex = Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(bytes.AsSpan());
            reader.ReadUnsignedVarInt("Count");
        });
        Assert.That(ex!.Message, Does.Contain("Count"));
    }

    [Test]
    public void A_cut_off_varint_is_a_protocol_error()
    {
        byte[] bytes = [0x80, 0x80];
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(bytes.AsSpan());
            reader.ReadUnsignedVarInt("Count");
        });
    }
}
