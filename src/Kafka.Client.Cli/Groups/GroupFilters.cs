namespace Kafka.Client.Cli.Groups;

/// <summary>
/// The values of <c>kafka groups --list --state S,... --type T,...</c>, read as Kafka's tool reads them
/// (<c>consumerGroupStatesFromString</c>, <c>consumerGroupTypesFromString</c>): comma separated, any case; no value
/// means every state or type, each group's shown.
/// </summary>
internal static class GroupFilters
{
    private static readonly ConsumerGroupState[] KnownStates = [.. Enum.GetValues<ConsumerGroupState>().Where(s => s != ConsumerGroupState.Unknown)];

    private static readonly string[] KnownTypes = ["consumer", "classic"];

    /// <summary>The states to list; empty for all.</summary>
    /// <exception cref="UsageException">A state Kafka does not have.</exception>
    public static IReadOnlyList<ConsumerGroupState> States(string? value)
    {
        List<ConsumerGroupState> states = [];
        foreach (string name in Split(value))
        {
            states.Add(KnownStates.FirstOrDefault(s => string.Equals(s.ToString(), name, StringComparison.OrdinalIgnoreCase), ConsumerGroupState.Unknown) is var state && state != ConsumerGroupState.Unknown
                ? state
                : throw new UsageException($"Invalid state list '{value}'. Valid states are: {string.Join(", ", KnownStates)}"));
        }

        return states;
    }

    /// <summary>The group types to list; empty for all.</summary>
    /// <exception cref="UsageException">A type other than classic or consumer.</exception>
    public static IReadOnlyList<string> Types(string? value)
    {
        List<string> types = [];
        foreach (string name in Split(value))
        {
            string type = name.ToLowerInvariant();
            types.Add(KnownTypes.Contains(type) ? type : throw new UsageException($"Invalid types list '{value}'. Valid types are: {string.Join(", ", KnownTypes)}"));
        }

        return types;
    }

    private static IEnumerable<string> Split(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(',').Select(s => s.Trim());
}
