namespace Kafka.Client.Testing.State;

/// <summary>Kafka's rules for topic names (Topic.validate): 1-249 characters of [a-zA-Z0-9._-], not "." or "..".</summary>
internal static class TopicNames
{
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Topic name is illegal, it can't be empty";
        }

        if (name is "." or "..")
        {
            return "Topic name cannot be \".\" or \"..\"";
        }

        if (name.Length > 249)
        {
            return $"Topic name is illegal, it can't be longer than 249 characters, topic name: {name}";
        }

        foreach (char c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                return $"Topic name {name} is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'";
            }
        }

        return null;
    }
}
