namespace Kafka.Client;

/// <summary>The outcome of the alterations of one user's SCRAM credentials.</summary>
/// <param name="User">The user name.</param>
/// <param name="Error">
/// Why they were not applied (<see cref="Protocol.ErrorCode.UnacceptableCredential"/>,
/// <see cref="Protocol.ErrorCode.ResourceNotFound"/> for deleting a credential that does not exist,
/// <see cref="Protocol.ErrorCode.DuplicateResource"/>, <see cref="Protocol.ErrorCode.ClusterAuthorizationFailed"/>), or null.
/// </param>
public sealed record AlterUserScramCredentialsResult(string User, KafkaException? Error)
    : AdminResult(Error);
