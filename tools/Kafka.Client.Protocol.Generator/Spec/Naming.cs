namespace Kafka.Client.Protocol.Generator.Spec;

/// <summary>
/// Keeps generated C# legal: every struct is a class nested in its message class, so a struct may not share its
/// name with a property of the message, with the message itself, or with one of its own properties.
/// Such a struct class gets the suffix "Data".
/// </summary>
public static class Naming
{
    private static readonly HashSet<string> Reserved =
    [
        "Read", "Write", "GetSize", "IsDefault", "UnknownTaggedFields", "Api", "ApiKey", "LowestSupportedVersion",
        "HighestSupportedVersion", "Equals", "GetHashCode", "ToString", "GetType",
    ];

    /// <summary>C# property names start upper case (a few Kafka fields, like CreateTopics' timeoutMs, do not).</summary>
    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    public static void ResolveCollisions(MessageSpec message)
    {
        var rootMembers = new HashSet<string>(message.Root.Fields.Select(f => f.PropertyName), StringComparer.Ordinal);
        foreach (StructSpec s in message.Structs)
        {
            bool collides = rootMembers.Contains(s.ClassName)
                || s.ClassName == message.Name
                || Reserved.Contains(s.ClassName)
                || s.Fields.Any(f => f.PropertyName == s.ClassName);
            if (collides)
            {
                s.ClassName += "Data";
            }
        }

        foreach (StructSpec s in message.Structs.Append(message.Root))
        {
            foreach (FieldSpec f in s.Fields)
            {
                if (Reserved.Contains(f.PropertyName) && !(s != message.Root && f.PropertyName is "ApiKey"))
                {
                    f.PropertyName += "Value";
                }
            }
        }
    }
}
