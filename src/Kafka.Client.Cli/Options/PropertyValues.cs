namespace Kafka.Client.Cli.Options;

/// <summary>Reading the <c>--property</c> values of the console producer's line reader and the console consumer's formatter.</summary>
internal static class PropertyValues
{
    /// <exception cref="ArgumentException"><paramref name="value"/> is neither true nor false.</exception>
    public static bool Boolean(string name, string value) =>
        bool.TryParse(value.Trim(), out bool result) ? result : throw new ArgumentException($"--property {name}={value}: expected true or false.");

    /// <summary>The error for a <c>--property</c> name that is not one of <paramref name="known"/>.</summary>
    public static ArgumentException Unknown(string name, IEnumerable<(string Name, string Default)> known) =>
        new($"Unknown --property '{name}'; the known ones are {string.Join(", ", known.Select(p => p.Name))}.");

    /// <summary>The <c>--property</c> help text: each name with its default.</summary>
    public static string Describe(string what, IEnumerable<(string Name, string Default)> known) =>
        what + string.Join(", ", known.Select(p => $"{p.Name} ({p.Default})")) + ".";
}
