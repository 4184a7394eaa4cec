using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Acls;

/// <summary>What <c>kafka acls</c> does, through the admin client, printing what <c>kafka-acls.sh</c> prints.</summary>
internal sealed class AclService(AdminClientOptions options, TextWriter output) : IAsyncDisposable
{
    private readonly KafkaAdminClient _admin = new(options);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    /// <summary>Adds the ACLs, then prints the ACLs of each resource they are on.</summary>
    public async Task AddAsync(IReadOnlyList<AclBinding> acls, CancellationToken cancellationToken)
    {
        foreach (IGrouping<ResourcePattern, AclBinding> resource in acls.GroupBy(a => a.Pattern))
        {
            await output.WriteLineAsync($"Adding ACLs for resource `{AclText.Pattern(resource.Key)}`: ").ConfigureAwait(false);
            foreach (AclBinding acl in resource)
            {
                await output.WriteLineAsync($" \t{AclText.Entry(acl.Entry)} ").ConfigureAwait(false);
            }

            await output.WriteLineAsync().ConfigureAwait(false);
        }

        (await _admin.CreateAclsAsync(acls, cancellationToken).ConfigureAwait(false)).ThrowIfAnyFailed();
        await ListAsync([.. acls.Select(a => a.Pattern).Distinct().Select(Exactly)], null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the ACLs that pass the filters, printing what was removed.</summary>
    public async Task RemoveAsync(IReadOnlyList<AclBindingFilter> filters, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeleteAclsResult> results = await _admin.DeleteAclsAsync(filters, cancellationToken).ConfigureAwait(false);
        results.ThrowIfAnyFailed();
        foreach (IGrouping<ResourcePattern, AclBinding> resource in results.SelectMany(r => r.Deleted).GroupBy(a => a.Pattern))
        {
            await output.WriteLineAsync($"Removed ACLs for resource `{AclText.Pattern(resource.Key)}`: ").ConfigureAwait(false);
            foreach (AclBinding acl in resource)
            {
                await output.WriteLineAsync($" \t{AclText.Entry(acl.Entry)} ").ConfigureAwait(false);
            }

            await output.WriteLineAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Prints the ACLs of the resources the filters select (all when none), of <paramref name="principal"/> if given.</summary>
    public async Task ListAsync(IReadOnlyList<ResourcePatternFilter> resources, string? principal, CancellationToken cancellationToken)
    {
        var entries = new AccessControlEntryFilter(principal, null, AclOperation.Any, AclPermissionType.Any);
        var found = new List<AclBinding>();
        foreach (ResourcePatternFilter resource in resources.Count == 0 ? [ResourcePatternFilter.Any] : resources)
        {
            found.AddRange(await _admin.DescribeAclsAsync(new AclBindingFilter(resource, entries), cancellationToken).ConfigureAwait(false));
        }

        foreach (IGrouping<ResourcePattern, AclBinding> resource in found.Distinct().GroupBy(a => a.Pattern).OrderBy(g => AclText.Pattern(g.Key), StringComparer.Ordinal))
        {
            string whose = principal is null ? "" : $" and principal `{principal}`";
            await output.WriteLineAsync($"Current ACLs for resource `{AclText.Pattern(resource.Key)}`{whose}: ").ConfigureAwait(false);
            foreach (AclBinding acl in resource)
            {
                await output.WriteLineAsync($" \t{AclText.Entry(acl.Entry)} ").ConfigureAwait(false);
            }

            await output.WriteLineAsync().ConfigureAwait(false);
        }
    }

    private static ResourcePatternFilter Exactly(ResourcePattern pattern) => new(pattern.Type, pattern.Name, pattern.PatternType);
}
