using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Security;

/// <summary>
/// The filter of DescribeAcls and DeleteAcls, as Kafka's <c>AclBindingFilter</c>: null name, principal or host and the
/// Any values match everything; pattern type Match selects every pattern that applies to the name.
/// </summary>
internal sealed record AclFilter(
    ResourceType ResourceType,
    string? ResourceName,
    ResourcePatternType PatternType,
    string? Principal,
    string? Host,
    AclOperation Operation,
    AclPermissionType Permission)
{
    /// <summary>The filter every ACL passes.</summary>
    public static AclFilter Everything { get; } = new(ResourceType.Any, null, ResourcePatternType.Any, null, null, AclOperation.Any, AclPermissionType.Any);

    /// <summary>True when the filter has a value no ACL can have (Unknown), which Kafka refuses.</summary>
    public bool IsInvalid =>
        ResourceType == ResourceType.Unknown || PatternType == ResourcePatternType.Unknown
        || Operation == AclOperation.Unknown || Permission == AclPermissionType.Unknown;

    /// <summary>True when <paramref name="rule"/> passes the filter.</summary>
    public bool Matches(AclRule rule) =>
        (ResourceType == ResourceType.Any || ResourceType == rule.ResourceType)
        && MatchesPattern(rule)
        && (Principal is null || Principal == rule.Principal)
        && (Host is null || Host == rule.Host)
        && (Operation == AclOperation.Any || Operation == rule.Operation)
        && (Permission == AclPermissionType.Any || Permission == rule.Permission);

    private bool MatchesPattern(AclRule rule) => PatternType switch
    {
        ResourcePatternType.Any => ResourceName is null || ResourceName == rule.ResourceName,
        ResourcePatternType.Match => ResourceName is null || rule.AppliesTo(rule.ResourceType, ResourceName),
        _ => PatternType == rule.PatternType && (ResourceName is null || ResourceName == rule.ResourceName),
    };
}
