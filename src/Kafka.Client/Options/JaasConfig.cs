using System.Text;

namespace Kafka.Client.Options;

/// <summary>
/// A parsed <c>sasl.jaas.config</c>: one login module entry as Java's <c>JaasConfig</c> reads it,
/// <c>class.Name required key="value" key2=value2;</c>. Values may be quoted with <c>"</c> (backslash escapes inside).
/// </summary>
internal sealed class JaasConfig
{
    private JaasConfig(string loginModule, Dictionary<string, string> options)
    {
        LoginModule = loginModule;
        Options = options;
    }

    /// <summary>The login module's class name, e.g. <c>org.apache.kafka.common.security.plain.PlainLoginModule</c>.</summary>
    public string LoginModule { get; }

    /// <summary>The module's options by name.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The short name of the module: the class name after its last dot.</summary>
    public string ModuleName => LoginModule[(LoginModule.LastIndexOf('.') + 1)..];

    /// <summary>The value of <paramref name="option"/>, or null.</summary>
    public string? Option(string option) => Options.TryGetValue(option, out string? value) ? value : null;

    /// <summary>Parses one login module entry.</summary>
    /// <exception cref="FormatException">The text is not a JAAS entry; the message says where (never quoting values, which may be secrets).</exception>
    public static JaasConfig Parse(string text)
    {
        int position = 0;
        string module = Word(text, ref position, "a login module class name");
        string flag = Word(text, ref position, "a control flag (required, requisite, sufficient or optional)");
        if (flag is not ("required" or "requisite" or "sufficient" or "optional"))
        {
            throw new FormatException($"after the login module, expected a control flag (required, requisite, sufficient or optional), not '{flag}'.");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace(text, ref position);
            if (position >= text.Length)
            {
                throw new FormatException("the entry must end with ';'.");
            }

            if (text[position] == ';')
            {
                position++;
                SkipSpace(text, ref position);
                if (position < text.Length)
                {
                    throw new FormatException("only one login module entry is supported.");
                }

                return new JaasConfig(module, options);
            }

            string key = Word(text, ref position, "an option name", stopAt: '=');
            SkipSpace(text, ref position);
            if (position >= text.Length || text[position] != '=')
            {
                throw new FormatException($"the option '{key}' has no '=value'.");
            }

            position++;
            options[key] = Value(text, ref position, key);
        }
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static string Word(string text, ref int position, string what, char stopAt = '\0')
    {
        SkipSpace(text, ref position);
        int start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] != ';' && text[position] != stopAt)
        {
            position++;
        }

        if (position == start)
        {
            throw new FormatException($"expected {what} at position {start}.");
        }

        return text[start..position];
    }

    private static string Value(string text, ref int position, string key)
    {
        SkipSpace(text, ref position);
        if (position < text.Length && text[position] == '"')
        {
            var value = new StringBuilder();
            position++;
            while (position < text.Length && text[position] != '"')
            {
                if (text[position] == '\\' && position + 1 < text.Length)
                {
                    position++;
                }

                value.Append(text[position++]);
            }

            if (position >= text.Length)
            {
                throw new FormatException($"the value of '{key}' has no closing quote.");
            }

            position++;
            return value.ToString();
        }

        return Word(text, ref position, $"a value for '{key}'");
    }
}
