namespace Kafka.Client;

/// <summary>The outcome of one filter of <see cref="KafkaAdminClient.DeleteAclsAsync"/>.</summary>
/// <param name="Filter">The filter.</param>
/// <param name="Deleted">The ACLs it removed (none when it failed or matched nothing).</param>
/// <param name="Error">Why nothing was deleted, or null.</param>
public sealed record DeleteAclsResult(AclBindingFilter Filter, IReadOnlyList<AclBinding> Deleted, KafkaException? Error)
    : AdminResult(Error);
