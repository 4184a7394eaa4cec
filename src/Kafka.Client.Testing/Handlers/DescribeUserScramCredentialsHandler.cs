using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// DescribeUserScramCredentials (50, KIP-554): each user's mechanisms and iterations, never a key. DESCRIBE on the
/// cluster is required; no users (null or empty) means every user with a credential; an unknown user answers
/// RESOURCE_NOT_FOUND and a repeated one DUPLICATE_RESOURCE, as Kafka's <c>ScramControlManager</c>.
/// </summary>
internal sealed class DescribeUserScramCredentialsHandler : ApiHandler<DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsResponse>
{
    public override ApiKey Api => ApiKey.DescribeUserScramCredentials;

    public override ValueTask<DescribeUserScramCredentialsResponse?> HandleAsync(RequestContext context, DescribeUserScramCredentialsRequest describe, CancellationToken cancellationToken)
    {
        var response = new DescribeUserScramCredentialsResponse();
        if (context.ForcedError != ErrorCode.None || !context.AuthorizeCluster(AclOperation.Describe))
        {
            response.ErrorCode = context.Error(ErrorCode.ClusterAuthorizationFailed);
            response.ErrorMessage = "Cluster authorization failed.";
            return ValueTask.FromResult<DescribeUserScramCredentialsResponse?>(response);
        }

        ILookup<string, (string User, string Mechanism, ScramCredential Credential)> all = context.Cluster.Security.Users.AllScram().ToLookup(c => c.User, StringComparer.Ordinal);
        List<string> wanted = describe.Users is { Count: > 0 } users ? [.. users.Select(u => u.Name)] : [.. all.Select(g => g.Key).Order(StringComparer.Ordinal)];
        foreach (string user in wanted.Distinct(StringComparer.Ordinal))
        {
            var result = new DescribeUserScramCredentialsResponse.DescribeUserScramCredentialsResult { User = user };
            if (wanted.Count(w => w == user) > 1)
            {
                result.ErrorCode = (short)ErrorCode.DuplicateResource;
                result.ErrorMessage = "Cannot describe SCRAM credentials for the same user twice in a single request";
            }
            else if (!all.Contains(user))
            {
                result.ErrorCode = (short)ErrorCode.ResourceNotFound;
                result.ErrorMessage = "Attempt to describe a user credential that does not exist";
            }
            else
            {
                result.CredentialInfos = [.. all[user].OrderBy(c => c.Mechanism, StringComparer.Ordinal).Select(c => new DescribeUserScramCredentialsResponse.CredentialInfo
                {
                    Mechanism = (sbyte)ScramMechanisms.Of(c.Mechanism),
                    Iterations = c.Credential.Iterations,
                })];
            }

            response.Results.Add(result);
        }

        return ValueTask.FromResult<DescribeUserScramCredentialsResponse?>(response);
    }
}
