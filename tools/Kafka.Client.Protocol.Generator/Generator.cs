using Kafka.Client.Protocol.Generator.Emit;
using Kafka.Client.Protocol.Generator.Spec;

namespace Kafka.Client.Protocol.Generator;

/// <summary>Reads a folder of Kafka message definitions and writes the codec's generated files.</summary>
public static class Generator
{
    /// <summary>Generates into <paramref name="outDirectory"/> (and the test samples into <paramref name="samplesFile"/> when given).</summary>
    /// <returns>The number of message files written.</returns>
    public static int Run(string specDirectory, string outDirectory, string? samplesFile = null)
    {
        List<MessageSpec> messages = SpecReader.ReadDirectory(specDirectory);
        if (messages.Count == 0)
        {
            throw new InvalidDataException($"No *.json message definitions in {specDirectory}.");
        }

        Directory.CreateDirectory(outDirectory);
        foreach (string stale in Directory.GetFiles(outDirectory, "*.g.cs"))
        {
            File.Delete(stale);
        }

        foreach (MessageSpec message in messages)
        {
            Write(Path.Combine(outDirectory, message.Name + ".g.cs"), MessageEmitter.Emit(message));
        }

        Write(Path.Combine(outDirectory, "ApiKey.g.cs"), ApiTableEmitter.EmitApiKey(messages));
        Write(Path.Combine(outDirectory, "KafkaApis.g.cs"), ApiTableEmitter.EmitTable(messages));
        if (samplesFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(samplesFile))!);
            Write(samplesFile, SampleEmitter.Emit(messages));
        }

        return messages.Count;
    }

    private static void Write(string path, string text) => File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
}
