using System.Reflection;

namespace Kafka.Client.Protocol.Tests.Messages;

/// <summary>Every generated request names its response (IKafkaRequest&lt;TResponse&gt;), and the pair is one API.</summary>
public class RequestResponsePairTests
{
    private static readonly Type[] s_requests = typeof(IKafkaRequest).Assembly.GetTypes()
        .Where(t => t.IsClass && typeof(IKafkaRequest).IsAssignableFrom(t))
        .OrderBy(t => t.Name)
        .ToArray();

    [Test]
    public void Every_request_of_the_codec_names_exactly_one_response()
    {
        Assert.That(s_requests, Has.Length.GreaterThan(80), "the codec's requests were not found");
        string[] wrong = s_requests
            .Where(t => t.GetInterfaces().Count(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IKafkaRequest<>)) != 1)
            .Select(t => t.Name)
            .ToArray();
        Assert.That(wrong, Is.Empty, "requests that do not name exactly one response type");
    }

    [Test]
    public void A_request_and_its_response_belong_to_the_same_api()
    {
        var mismatched = new List<string>();
        foreach (Type request in s_requests)
        {
            Type response = ResponseOf(request);
            var requestApi = (ApiKey)StaticApiKey(request);
            var responseApi = (ApiKey)StaticApiKey(response);
            if (requestApi != responseApi)
            {
                mismatched.Add($"{request.Name} ({requestApi}) -> {response.Name} ({responseApi})");
            }
        }

        Assert.That(mismatched, Is.Empty);
    }

    [Test]
    public void The_response_decoder_of_a_requests_api_returns_the_type_the_request_names()
    {
        // The client casts the decoded response to the type its request names; KafkaApis.ReadResponse must agree.
        var wrong = new List<string>();
        foreach (Type request in s_requests)
        {
            Type named = ResponseOf(request);
            var response = (IKafkaResponse)Activator.CreateInstance(named)!;
            short version = (short)named.GetProperty("HighestSupportedVersion", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            var writer = new KafkaWriter(buffer);
            response.Write(ref writer, version);
            writer.Flush();
            var reader = new KafkaReader(buffer.WrittenMemory);
            IKafkaResponse decoded = KafkaApis.ReadResponse((ApiKey)StaticApiKey(request), ref reader, version);
            if (decoded.GetType() != named)
            {
                wrong.Add($"{request.Name} names {named.Name}, the decoder returns {decoded.GetType().Name}");
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    private static Type ResponseOf(Type request) =>
        request.GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IKafkaRequest<>))
            .GetGenericArguments()[0];

    private static object StaticApiKey(Type message) =>
        message.GetProperty("ApiKey", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
