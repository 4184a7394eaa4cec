using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>Selects access control entries, for describing and deleting ACLs (Java's <c>AccessControlEntryFilter</c>).</summary>
/// <param name="Principal">The principal, or null for any.</param>
/// <param name="Host">The host, or null for any.</param>
/// <param name="Operation">The operation, or <see cref="AclOperation.Any"/>.</param>
/// <param name="Permission">The permission, or <see cref="AclPermissionType.Any"/>.</param>
public sealed record AccessControlEntryFilter(string? Principal, string? Host, AclOperation Operation, AclPermissionType Permission)
{
    /// <summary>Every entry.</summary>
    public static AccessControlEntryFilter Any { get; } = new(null, null, AclOperation.Any, AclPermissionType.Any);
}
