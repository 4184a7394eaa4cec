using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>Who may (or may not) do what, from where: the entry half of an ACL (Java's <c>AccessControlEntry</c>).</summary>
/// <param name="Principal">The principal, <c>User:alice</c>, or <c>User:*</c> for everyone.</param>
/// <param name="Host">The client's address, or <c>*</c> for any.</param>
/// <param name="Operation">The operation (<see cref="AclOperation.Read"/>, <see cref="AclOperation.Write"/>, <see cref="AclOperation.All"/>...).</param>
/// <param name="Permission"><see cref="AclPermissionType.Allow"/> or <see cref="AclPermissionType.Deny"/>.</param>
public sealed record AccessControlEntry(string Principal, string Host, AclOperation Operation, AclPermissionType Permission);
