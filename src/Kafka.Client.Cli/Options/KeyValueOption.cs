using System.CommandLine;

namespace Kafka.Client.Cli.Options;

/// <summary>Repeatable <c>--flag KEY=VALUE</c> options, as Kafka's tools take properties.</summary>
internal static class KeyValueOption
{
    /// <summary>An option given any number of times, each value <c>KEY=VALUE</c>; anything else is a usage error.</summary>
    public static Option<string[]> Create(string name, string description, params string[] aliases)
    {
        var option = new Option<string[]>(name, aliases)
        {
            Description = description,
            HelpName = "KEY=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"{name} '{token.Value}' is not KEY=VALUE.");
                }
            }
        });
        return option;
    }

    /// <summary>As <see cref="Create"/>, and several pairs may follow one flag (<c>--producer-props acks=1 linger.ms=5</c>), as Kafka's perf tools take them.</summary>
    public static Option<string[]> CreateMany(string name, string description, params string[] aliases)
    {
        Option<string[]> option = Create(name, description, aliases);
        option.AllowMultipleArgumentsPerToken = true;
        return option;
    }

    /// <summary>The pairs given, in order; a value may contain '=' (only the first one separates).</summary>
    public static List<KeyValuePair<string, string>> Pairs(string[]? values) =>
        [.. (values ?? []).Select(v => v.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0].Trim(), kv[1]))];
}
