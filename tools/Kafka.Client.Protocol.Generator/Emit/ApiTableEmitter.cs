using Kafka.Client.Protocol.Generator.Spec;

namespace Kafka.Client.Protocol.Generator.Emit;

/// <summary>Writes the ApiKey enum and the table of versions per API, from the same run as the messages.</summary>
public static class ApiTableEmitter
{
    public static string ApiName(MessageSpec m) =>
        m.Name.EndsWith("Request", StringComparison.Ordinal) ? m.Name[..^"Request".Length]
        : m.Name.EndsWith("Response", StringComparison.Ordinal) ? m.Name[..^"Response".Length]
        : m.Name;

    private static List<(MessageSpec Request, MessageSpec Response)> Pairs(IReadOnlyList<MessageSpec> messages)
    {
        var responses = messages.Where(m => m.Kind == "response").ToDictionary(m => m.ApiKey!.Value);
        return messages.Where(m => m.Kind == "request")
            .OrderBy(m => m.ApiKey)
            .Select(m => (m, responses[m.ApiKey!.Value]))
            .ToList();
    }

    public static string EmitApiKey(IReadOnlyList<MessageSpec> messages)
    {
        var code = new CodeBuilder();
        Header(code);
        code.Line("/// <summary>The Kafka APIs, numbered as on the wire.</summary>");
        code.Open("public enum ApiKey : short");
        foreach (var (request, _) in Pairs(messages))
        {
            code.Line($"/// <summary>{ApiName(request)} (versions {request.ValidVersions}).</summary>");
            code.Line($"{ApiName(request)} = {request.ApiKey},");
            code.Line();
        }

        code.Close();
        return code.ToString();
    }

    public static string EmitTable(IReadOnlyList<MessageSpec> messages)
    {
        var pairs = Pairs(messages);
        var code = new CodeBuilder();
        Header(code);
        code.Line("/// <summary>What the message definitions say about each API: versions, flexible versions, who serves it.</summary>");
        code.Open("public static partial class KafkaApis");
        code.Line("/// <summary>Every API the codec knows, in key order.</summary>");
        code.Line("public static global::System.Collections.Generic.IReadOnlyList<ApiKey> All { get; } =");
        code.Line("[");
        foreach (var (request, _) in pairs)
        {
            code.Line($"    ApiKey.{ApiName(request)},");
        }

        code.Line("];");
        code.Line();
        EmitSwitch(code, "True when the codec knows the API.", "bool", "IsKnown", pairs, p => "true", "false");
        EmitSwitch(code, "The lowest version the codec knows, or -1 for an unknown API.", "short", "LowestVersion", pairs, p => p.Request.ValidVersions.Low.ToString(), "-1");
        EmitSwitch(code, "The highest version the codec knows (including a version marked unstable), or -1 for an unknown API.", "short", "HighestVersion", pairs, p => p.Request.ValidVersions.High.ToString(), "-1");
        EmitSwitch(code, "The highest version to offer: the highest known one, less one when Kafka marks it unstable.", "short", "HighestStableVersion", pairs,
            p => (p.Request.LatestVersionUnstable ? p.Request.ValidVersions.High - 1 : p.Request.ValidVersions.High).ToString(), "-1");
        EmitSwitch(code, "The first flexible request version, or -1 when the API has none.", "short", "FirstFlexibleRequestVersion", pairs,
            p => p.Request.FlexibleVersions.IsEmpty ? "-1" : p.Request.FlexibleVersions.Low.ToString(), "-1");
        EmitSwitch(code, "The first flexible response version, or -1 when the API has none.", "short", "FirstFlexibleResponseVersion", pairs,
            p => p.Response.FlexibleVersions.IsEmpty ? "-1" : p.Response.FlexibleVersions.Low.ToString(), "-1");
        EmitSwitch(code, "True when a broker (rather than only a KRaft controller or ZooKeeper-era broker) answers the API.", "bool", "IsBrokerApi", pairs,
            p => p.Request.Listeners.Contains("broker") ? "true" : "false", "false");

        code.Line("/// <summary>Reads a request of <paramref name=\"api\"/> at <paramref name=\"version\"/>.</summary>");
        code.Line("/// <exception cref=\"KafkaProtocolException\">Unknown API, unknown version or bad bytes.</exception>");
        code.Open("public static IKafkaRequest ReadRequest(ApiKey api, ref KafkaReader reader, short version)");
        code.Open("return api switch");
        foreach (var (request, _) in pairs)
        {
            code.Line($"ApiKey.{ApiName(request)} => global::Kafka.Client.Protocol.Messages.{request.Name}.Read(ref reader, version),");
        }

        code.Line("_ => throw MessageErrors.UnknownApi(api),");
        code.Close(";");
        code.Close();
        code.Line();
        code.Line("/// <summary>Reads a response of <paramref name=\"api\"/> at <paramref name=\"version\"/>.</summary>");
        code.Line("/// <exception cref=\"KafkaProtocolException\">Unknown API, unknown version or bad bytes.</exception>");
        code.Open("public static IKafkaResponse ReadResponse(ApiKey api, ref KafkaReader reader, short version)");
        code.Open("return api switch");
        foreach (var (_, response) in pairs)
        {
            code.Line($"ApiKey.{ApiName(response)} => global::Kafka.Client.Protocol.Messages.{response.Name}.Read(ref reader, version),");
        }

        code.Line("_ => throw MessageErrors.UnknownApi(api),");
        code.Close(";");
        code.Close();
        code.Close();
        return code.ToString();
    }

    private static void EmitSwitch(
        CodeBuilder code,
        string doc,
        string type,
        string name,
        List<(MessageSpec Request, MessageSpec Response)> pairs,
        Func<(MessageSpec Request, MessageSpec Response), string> value,
        string fallback)
    {
        code.Line($"/// <summary>{doc}</summary>");
        code.Open($"public static {type} {name}(ApiKey api) => api switch");
        foreach (var pair in pairs)
        {
            code.Line($"ApiKey.{ApiName(pair.Request)} => {value(pair)},");
        }

        code.Line($"_ => {fallback},");
        code.Close(";");
        code.Line();
    }

    private static void Header(CodeBuilder code)
    {
        code.Line("// <auto-generated/>");
        code.Line("// Generated by tools/Kafka.Client.Protocol.Generator from Apache Kafka's message definitions. Do not edit.");
        code.Line("#nullable enable");
        code.Line();
        code.Line("namespace Kafka.Client.Protocol;");
        code.Line();
    }
}
