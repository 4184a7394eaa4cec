using System.Buffers;
using System.Text;

namespace Kafka.Client.Extensions.Hosting.Tests.Support;

/// <summary>A serializer a test registers in the container, to see that the producer uses it.</summary>
internal sealed class UpperCaseSerializer : ISerializer<string>
{
    public void Serialize(string data, IBufferWriter<byte> output, SerializationContext context) =>
        output.Write(Encoding.UTF8.GetBytes(data.ToUpperInvariant()));
}
