namespace Kafka.Client;

/// <summary>The outcome of creating one ACL.</summary>
/// <param name="Binding">The ACL.</param>
/// <param name="Error">Why it was not created (<see cref="Protocol.ErrorCode.ClusterAuthorizationFailed"/>, <see cref="Protocol.ErrorCode.SecurityDisabled"/>, <see cref="Protocol.ErrorCode.InvalidRequest"/>), or null.</param>
public sealed record CreateAclResult(AclBinding Binding, KafkaException? Error)
    : AdminResult(Error);
