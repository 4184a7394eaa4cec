namespace Kafka.Client;

/// <summary>A user's SCRAM credentials, as <see cref="KafkaAdminClient.DescribeUserScramCredentialsAsync"/> reports them.</summary>
/// <param name="User">The user name.</param>
/// <param name="Credentials">One entry per mechanism the user has a credential for.</param>
/// <param name="Error">Why the user could not be described (<see cref="Protocol.ErrorCode.ResourceNotFound"/> for a user without credentials), or null.</param>
public sealed record UserScramCredentialsDescription(string User, IReadOnlyList<ScramCredentialInfo> Credentials, KafkaException? Error)
    : AdminResult(Error);
