using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Acls;

/// <summary>The ACLs <c>kafka acls --add/--remove</c> means, from its flags (Kafka's <c>AclCommand</c>).</summary>
internal static class AclRequests
{
    /// <summary>The <c>--producer</c>, <c>--consumer</c> and <c>--idempotent</c> flags.</summary>
    public sealed record Shortcuts(bool Producer, bool Consumer, bool Idempotent);

    /// <exception cref="UsageException">The flags do not name a principal or a resource, or the shortcuts lack their resources.</exception>
    public static List<AclBinding> Bindings(
        IReadOnlyList<ResourcePattern> resources,
        IReadOnlyList<(string Principal, string Host, AclPermissionType Permission)> entries,
        IReadOnlyList<AclOperation> operations,
        Shortcuts shortcuts)
    {
        if (entries.Count == 0)
        {
            throw new UsageException("Give at least one --allow-principal or --deny-principal.");
        }

        if (resources.Count == 0)
        {
            throw new UsageException("Give at least one resource: --topic, --group, --transactional-id or --cluster.");
        }

        var byResource = new List<(ResourcePattern Resource, AclOperation Operation)>();
        if (shortcuts.Producer || shortcuts.Consumer)
        {
            IEnumerable<ResourcePattern> topics = resources.Where(r => r.Type == ResourceType.Topic);
            if (!topics.Any())
            {
                throw new UsageException("--producer and --consumer need --topic.");
            }

            if (shortcuts.Producer)
            {
                byResource.AddRange(topics.SelectMany(t => new[] { (t, AclOperation.Write), (t, AclOperation.Describe), (t, AclOperation.Create) }));
                byResource.AddRange(resources.Where(r => r.Type == ResourceType.TransactionalId).SelectMany(t => new[] { (t, AclOperation.Write), (t, AclOperation.Describe) }));
                if (shortcuts.Idempotent)
                {
                    byResource.Add((new ResourcePattern(ResourceType.Cluster, ResourcePattern.ClusterName), AclOperation.IdempotentWrite));
                }
            }

            if (shortcuts.Consumer)
            {
                List<ResourcePattern> groups = [.. resources.Where(r => r.Type == ResourceType.Group)];
                if (groups.Count == 0)
                {
                    throw new UsageException("--consumer needs --group.");
                }

                byResource.AddRange(topics.SelectMany(t => new[] { (t, AclOperation.Read), (t, AclOperation.Describe) }));
                byResource.AddRange(groups.Select(g => (g, AclOperation.Read)));
            }
        }
        else
        {
            byResource.AddRange(resources.SelectMany(r => operations.Select(o => (r, o))));
        }

        return [.. byResource.Distinct().SelectMany(ro => entries.Select(e =>
            new AclBinding(ro.Resource, new AccessControlEntry(e.Principal, e.Host, ro.Operation, e.Permission))))];
    }
}
