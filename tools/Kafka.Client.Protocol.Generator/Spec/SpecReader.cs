using System.Globalization;
using System.Text.Json;

namespace Kafka.Client.Protocol.Generator.Spec;

/// <summary>Reads Kafka's JSON message definitions (which contain <c>//</c> comments) into <see cref="MessageSpec"/>s.</summary>
public static class SpecReader
{
    private static readonly HashSet<string> Primitives =
    [
        "bool", "int8", "int16", "uint16", "int32", "uint32", "int64", "float64", "uuid", "string", "bytes", "records",
    ];

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static bool IsPrimitive(string type) => Primitives.Contains(type);

    public static List<MessageSpec> ReadDirectory(string directory)
    {
        var messages = new List<MessageSpec>();
        foreach (string path in Directory.GetFiles(directory, "*.json").OrderBy(p => p, StringComparer.Ordinal))
        {
            messages.Add(ReadFile(path));
        }

        return messages;
    }

    public static MessageSpec ReadFile(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path), Options);
        JsonElement root = document.RootElement;
        string name = root.GetProperty("name").GetString()!;
        string kind = root.GetProperty("type").GetString()!;
        Versions valid = Versions.Parse(root.GetProperty("validVersions").GetString(), Versions.None);
        Versions flexible = root.TryGetProperty("flexibleVersions", out JsonElement flex)
            ? Versions.Parse(flex.GetString(), Versions.None)
            : Versions.None;

        var common = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("commonStructs", out JsonElement commons))
        {
            foreach (JsonElement c in commons.EnumerateArray())
            {
                common[c.GetProperty("name").GetString()!] = c;
            }
        }

        var structs = new List<StructSpec>();
        var byName = new Dictionary<string, StructSpec>(StringComparer.Ordinal);
        List<FieldSpec> fields = ReadFields(root.GetProperty("fields"), common, structs, byName, name);
        var rootStruct = new StructSpec { Name = name, ClassName = name, Fields = fields, Versions = valid };

        var message = new MessageSpec
        {
            Name = name,
            Kind = kind,
            ApiKey = root.TryGetProperty("apiKey", out JsonElement key) ? key.GetInt16() : null,
            ValidVersions = valid,
            FlexibleVersions = flexible,
            LatestVersionUnstable = root.TryGetProperty("latestVersionUnstable", out JsonElement unstable) && unstable.GetBoolean(),
            Listeners = root.TryGetProperty("listeners", out JsonElement listeners)
                ? listeners.EnumerateArray().Select(l => l.GetString()!).ToList()
                : [],
            Root = rootStruct,
            Structs = structs,
            FileName = Path.GetFileName(path),
        };
        Naming.ResolveCollisions(message);
        return message;
    }

    private static List<FieldSpec> ReadFields(
        JsonElement array,
        Dictionary<string, JsonElement> common,
        List<StructSpec> structs,
        Dictionary<string, StructSpec> byName,
        string messageName)
    {
        var fields = new List<FieldSpec>();
        foreach (JsonElement f in array.EnumerateArray())
        {
            string type = f.GetProperty("type").GetString()!;
            var field = new FieldSpec
            {
                Name = f.GetProperty("name").GetString()!,
                PropertyName = Naming.Pascal(f.GetProperty("name").GetString()!),
                Type = type,
                Versions = Versions.Parse(Str(f, "versions"), Versions.None),
                NullableVersions = Versions.Parse(Str(f, "nullableVersions"), Versions.None),
                TaggedVersions = Versions.Parse(Str(f, "taggedVersions"), Versions.None),
                Tag = f.TryGetProperty("tag", out JsonElement tag) ? (int)ParseInteger(DefaultText(tag)) : null,
                FlexibleVersionsOverride = Str(f, "flexibleVersions") is { } fv ? Versions.Parse(fv, Versions.None) : null,
                Default = f.TryGetProperty("default", out JsonElement d) ? DefaultText(d) : null,
                Ignorable = f.TryGetProperty("ignorable", out JsonElement ig) && ig.GetBoolean(),
                About = Str(f, "about"),
            };

            string element = field.ElementType;
            if (!IsPrimitive(element))
            {
                if (f.TryGetProperty("fields", out JsonElement inner))
                {
                    var spec = new StructSpec
                    {
                        Name = element,
                        ClassName = element,
                        Fields = ReadFields(inner, common, structs, byName, messageName),
                        Versions = field.Versions,
                        About = field.About,
                    };
                    if (!byName.TryAdd(element, spec))
                    {
                        throw new InvalidDataException($"{messageName}: struct {element} is defined twice.");
                    }

                    structs.Add(spec);
                    field.Struct = spec;
                }
                else if (byName.TryGetValue(element, out StructSpec? known))
                {
                    field.Struct = known;
                }
                else if (common.TryGetValue(element, out JsonElement c))
                {
                    var spec = new StructSpec
                    {
                        Name = element,
                        ClassName = element,
                        Fields = [],
                        Versions = Versions.Parse(Str(c, "versions"), Versions.All),
                    };
                    byName[element] = spec;
                    structs.Add(spec);
                    spec.Fields.AddRange(ReadFields(c.GetProperty("fields"), common, structs, byName, messageName));
                    field.Struct = spec;
                }
                else
                {
                    throw new InvalidDataException($"{messageName}: field {field.Name} has unknown type {type}.");
                }
            }

            fields.Add(field);
        }

        return fields;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) ? v.GetString() : null;

    private static string DefaultText(JsonElement d) => d.ValueKind switch
    {
        JsonValueKind.String => d.GetString()!,
        JsonValueKind.Number => d.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new InvalidDataException($"Unsupported default {d.GetRawText()}"),
    };

    /// <summary>Parses an integer default, decimal or 0x hex.</summary>
    public static long ParseInteger(string text)
    {
        text = text.Trim();
        bool negative = text.StartsWith('-');
        string digits = negative ? text[1..] : text;
        long value = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(digits, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }
}
