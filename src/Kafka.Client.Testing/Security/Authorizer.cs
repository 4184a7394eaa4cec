using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Security;

/// <summary>
/// The cluster's ACLs and the decisions made with them, as Kafka's <c>StandardAuthorizer</c>: super users may do
/// anything; otherwise a matching Deny refuses, a matching Allow (with the implied operations) permits, and a resource
/// no ACL applies to is open only when <c>allow.everyone.if.no.acl.found</c> is set. Disabled (the default): every
/// request is allowed, and the ACL APIs answer SECURITY_DISABLED.
/// </summary>
internal sealed class Authorizer
{
    private readonly Lock _sync = new();
    private readonly List<AclRule> _rules = [];
    private readonly HashSet<string> _superUsers;
    private readonly bool _allowIfNoAcl;

    public Authorizer(EmbeddedKafkaClusterOptions options)
    {
        IsEnabled = options.EnableAcls;
        _superUsers = [.. options.SuperUsers];
        _allowIfNoAcl = options.AllowEveryoneIfNoAclFound;
    }

    /// <summary>Raised after the ACLs changed (outside the lock), for the data directory.</summary>
    public event Action? Changed;

    /// <summary>True when ACLs are enforced (Kafka's <c>authorizer.class.name</c> is set).</summary>
    public bool IsEnabled { get; }

    /// <summary>True when <paramref name="principal"/> from <paramref name="host"/> may do <paramref name="operation"/> on the resource.</summary>
    public bool Authorize(string principal, string host, AclOperation operation, ResourceType type, string name)
    {
        if (!IsEnabled || _superUsers.Contains(principal))
        {
            return true;
        }

        bool anyRule = false;
        bool allowed = false;
        lock (_sync)
        {
            foreach (AclRule rule in _rules)
            {
                if (!rule.AppliesTo(type, name))
                {
                    continue;
                }

                anyRule = true;
                if (!rule.Concerns(principal, host) || !rule.Covers(operation))
                {
                    continue;
                }

                if (rule.Permission == AclPermissionType.Deny)
                {
                    return false;
                }

                allowed = true;
            }
        }

        return allowed || (!anyRule && _allowIfNoAcl);
    }

    /// <summary>
    /// The operations of <paramref name="candidates"/> the principal may do on the resource, as the bit field of the
    /// APIs' <c>authorized_operations</c> (bit N set for the operation of code N).
    /// </summary>
    public int AuthorizedOperations(string principal, string host, ResourceType type, string name, IEnumerable<AclOperation> candidates) =>
        candidates.Where(op => Authorize(principal, host, op, type, name)).Aggregate(0, (bits, op) => bits | (1 << (int)op));

    /// <summary>True when the principal may do <paramref name="operation"/> on at least one resource of <paramref name="type"/> (Kafka's <c>authorizeByResourceType</c>).</summary>
    public bool AuthorizeAny(string principal, string host, AclOperation operation, ResourceType type)
    {
        if (!IsEnabled || _superUsers.Contains(principal))
        {
            return true;
        }

        lock (_sync)
        {
            bool denyAll = _rules.Any(r => r.ResourceType == type && r.Permission == AclPermissionType.Deny && r.PatternType == ResourcePatternType.Literal
                && r.ResourceName == AclRule.Wildcard && r.Concerns(principal, host) && r.Covers(operation));
            return !denyAll && (_rules.Any(r => r.ResourceType == type && r.Permission == AclPermissionType.Allow && r.Concerns(principal, host) && r.Covers(operation))
                || (_allowIfNoAcl && !_rules.Any(r => r.ResourceType == type)));
        }
    }

    /// <summary>Adds a rule (adding one that exists changes nothing).</summary>
    public void Add(AclRule rule)
    {
        lock (_sync)
        {
            if (_rules.Contains(rule))
            {
                return;
            }

            _rules.Add(rule);
        }

        Changed?.Invoke();
    }

    /// <summary>The rules that pass <paramref name="filter"/>.</summary>
    public List<AclRule> Describe(AclFilter filter)
    {
        lock (_sync)
        {
            return [.. _rules.Where(filter.Matches)];
        }
    }

    /// <summary>Removes and returns the rules that pass <paramref name="filter"/>.</summary>
    public List<AclRule> Delete(AclFilter filter)
    {
        List<AclRule> removed;
        lock (_sync)
        {
            removed = [.. _rules.Where(filter.Matches)];
            _rules.RemoveAll(filter.Matches);
        }

        if (removed.Count > 0)
        {
            Changed?.Invoke();
        }

        return removed;
    }
}
