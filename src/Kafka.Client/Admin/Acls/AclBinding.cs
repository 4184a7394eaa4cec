namespace Kafka.Client;

/// <summary>One ACL: a resource pattern and an access control entry (Java's and Confluent.Kafka's <c>AclBinding</c>).</summary>
/// <param name="Pattern">The resources.</param>
/// <param name="Entry">Who, from where, which operation, allowed or denied.</param>
public sealed record AclBinding(ResourcePattern Pattern, AccessControlEntry Entry);
