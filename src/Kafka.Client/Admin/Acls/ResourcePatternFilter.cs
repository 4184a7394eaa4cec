using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>Selects resource patterns, for describing and deleting ACLs (Java's <c>ResourcePatternFilter</c>).</summary>
/// <param name="Type">The type, or <see cref="ResourceType.Any"/>.</param>
/// <param name="Name">The name, or null for any.</param>
/// <param name="PatternType">
/// <see cref="ResourcePatternType.Literal"/> or <see cref="ResourcePatternType.Prefixed"/> for that kind only,
/// <see cref="ResourcePatternType.Any"/> for either with the name matched exactly, <see cref="ResourcePatternType.Match"/>
/// for every pattern that applies to <paramref name="Name"/> (its literal, the <c>*</c> wildcard, its prefixes).
/// </param>
public sealed record ResourcePatternFilter(ResourceType Type, string? Name, ResourcePatternType PatternType)
{
    /// <summary>Every pattern.</summary>
    public static ResourcePatternFilter Any { get; } = new(ResourceType.Any, null, ResourcePatternType.Any);
}
