namespace Kafka.Client;

/// <summary>Selects ACLs, for <see cref="KafkaAdminClient.DescribeAclsAsync"/> and <see cref="KafkaAdminClient.DeleteAclsAsync"/>.</summary>
/// <param name="PatternFilter">Which resource patterns.</param>
/// <param name="EntryFilter">Which entries.</param>
public sealed record AclBindingFilter(ResourcePatternFilter PatternFilter, AccessControlEntryFilter EntryFilter)
{
    /// <summary>Every ACL.</summary>
    public static AclBindingFilter Any { get; } = new(ResourcePatternFilter.Any, AccessControlEntryFilter.Any);

    /// <summary>The filter that selects exactly <paramref name="binding"/>.</summary>
    /// <param name="binding">An ACL.</param>
    /// <returns>The filter.</returns>
    public static AclBindingFilter For(AclBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return new(
            new ResourcePatternFilter(binding.Pattern.Type, binding.Pattern.Name, binding.Pattern.PatternType),
            new AccessControlEntryFilter(binding.Entry.Principal, binding.Entry.Host, binding.Entry.Operation, binding.Entry.Permission));
    }
}
