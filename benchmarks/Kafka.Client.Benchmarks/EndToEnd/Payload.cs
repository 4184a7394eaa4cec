namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>Message values for the end-to-end runs: JSON-like text, compressible as real payloads are.</summary>
internal static class Payload
{
    public static byte[] Create(int size)
    {
        const string text = "{\"order\":12345,\"customer\":\"c-42\",\"amount\":99.95,\"currency\":\"EUR\",\"status\":\"shipped\",\"items\":[1,2,3]}";
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++)
        {
            value[i] = (byte)text[i % text.Length];
        }

        return value;
    }
}
