using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Protocol.Tests.Interop;

/// <summary>
/// Real-world bytes: Confluent.Kafka (librdkafka) connects to a plain TcpListener; we capture the first request it
/// sends and decode it with our codec.
/// </summary>
public class LibrdkafkaCaptureTests
{
    [Test]
    public async Task First_request_from_librdkafka_is_an_ApiVersions_request_our_codec_decodes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var config = new ProducerConfig
        {
            BootstrapServers = $"127.0.0.1:{port}",
            ClientId = "capture-test",
            SocketTimeoutMs = 10_000,
            MessageTimeoutMs = 10_000,
        };
        using var producer = new ProducerBuilder<Null, string>(config).Build();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using TcpClient connection = await listener.AcceptTcpClientAsync(timeout.Token);
        NetworkStream stream = connection.GetStream();
        byte[] prefix = new byte[4];
        await stream.ReadExactlyAsync(prefix, timeout.Token);
        int size = BinaryPrimitives.ReadInt32BigEndian(prefix);
        Assert.That(size, Is.InRange(8, 4096));
        byte[] frame = new byte[size];
        await stream.ReadExactlyAsync(frame, timeout.Token);

        var reader = new KafkaReader(frame.AsMemory());
        RequestHeader header = KafkaFrame.ReadRequestHeader(ref reader);
        Assert.That((ApiKey)header.RequestApiKey, Is.EqualTo(ApiKey.ApiVersions));
        Assert.That(header.ClientId, Is.EqualTo("capture-test"));
        Assert.That(KafkaApis.IsSupported(ApiKey.ApiVersions, header.RequestApiVersion), Is.True,
            $"librdkafka sent ApiVersions v{header.RequestApiVersion}");

        IKafkaRequest request = KafkaApis.ReadRequest(ApiKey.ApiVersions, ref reader, header.RequestApiVersion);
        Assert.That(reader.Remaining, Is.Zero, "the whole frame was decoded");
        var apiVersions = (ApiVersionsRequest)request;
        if (header.RequestApiVersion >= 3)
        {
            Assert.That(apiVersions.ClientSoftwareName, Is.EqualTo("confluent-kafka-dotnet"));
            Assert.That(apiVersions.ClientSoftwareVersion, Is.Not.Empty);
        }

        TestContext.Out.WriteLine(
            $"librdkafka {Library.VersionString} sent ApiVersions v{header.RequestApiVersion}: {Convert.ToHexString(frame)}");
    }
}
