namespace Kafka.Client.Admin;

/// <summary>Group states as the protocol spells them ("PreparingRebalance", "Stable"...).</summary>
internal static class ConsumerGroupStates
{
    /// <summary>The state a broker named, or <see cref="ConsumerGroupState.Unknown"/>.</summary>
    public static ConsumerGroupState Parse(string? state) =>
        !string.IsNullOrEmpty(state) && char.IsLetter(state[0]) && Enum.TryParse(state, ignoreCase: true, out ConsumerGroupState parsed)
            ? parsed
            : ConsumerGroupState.Unknown;
}
