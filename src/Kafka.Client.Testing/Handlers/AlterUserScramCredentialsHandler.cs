using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Protocol.Sasl;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// AlterUserScramCredentials (51, KIP-554): creates, replaces and deletes SCRAM credentials from salted passwords,
/// one result per user, all of a user's changes or none. ALTER on the cluster is required; the checks and messages
/// are Kafka's <c>ScramControlManager</c>'s (iterations 4096..16384, one change per user and mechanism, deleting only
/// what exists).
/// </summary>
internal sealed class AlterUserScramCredentialsHandler : ApiHandler<AlterUserScramCredentialsRequest, AlterUserScramCredentialsResponse>
{
    private const int MaxIterations = 16384;

    public override ApiKey Api => ApiKey.AlterUserScramCredentials;

    public override ValueTask<AlterUserScramCredentialsResponse?> HandleAsync(RequestContext context, AlterUserScramCredentialsRequest alter, CancellationToken cancellationToken)
    {
        SaslUserStore store = context.Cluster.Security.Users;
        bool allowed = context.ForcedError == ErrorCode.None && context.AuthorizeCluster(AclOperation.Alter);
        var changes = alter.Deletions.Select(d => (d.Name, d.Mechanism, Upsert: (AlterUserScramCredentialsRequest.ScramCredentialUpsertion?)null))
            .Concat(alter.Upsertions.Select(u => (u.Name, u.Mechanism, Upsert: (AlterUserScramCredentialsRequest.ScramCredentialUpsertion?)u)))
            .ToList();
        var response = new AlterUserScramCredentialsResponse();
        foreach (var user in changes.GroupBy(c => c.Name, StringComparer.Ordinal))
        {
            (ErrorCode error, string? message) = !allowed ? ((ErrorCode)context.Error(ErrorCode.ClusterAuthorizationFailed), (string?)"Cluster authorization failed.") : Check(store, user.Key, [.. user]);
            if (error == ErrorCode.None)
            {
                foreach (var (name, mechanism, upsert) in user)
                {
                    string mechanismName = ScramMechanisms.NameOf((ScramMechanism)mechanism)!;
                    if (upsert is null)
                    {
                        store.RemoveScram(name, mechanismName);
                    }
                    else
                    {
                        store.SetScram(name, mechanismName, ScramCredential.FromSalted(mechanismName, upsert.SaltedPassword.ToArray(), upsert.Salt.ToArray(), upsert.Iterations));
                    }
                }
            }

            response.Results.Add(new AlterUserScramCredentialsResponse.AlterUserScramCredentialsResult { User = user.Key, ErrorCode = (short)error, ErrorMessage = message });
        }

        return ValueTask.FromResult<AlterUserScramCredentialsResponse?>(response);
    }

    private static (ErrorCode, string?) Check(SaslUserStore store, string user, List<(string Name, sbyte Mechanism, AlterUserScramCredentialsRequest.ScramCredentialUpsertion? Upsert)> changes)
    {
        if (user.Length == 0)
        {
            return (ErrorCode.UnacceptableCredential, "Username must not be empty");
        }

        if (changes.GroupBy(c => c.Mechanism).Any(g => g.Count() > 1))
        {
            return (ErrorCode.DuplicateResource, "A user credential cannot be altered twice in the same request");
        }

        foreach (var (_, mechanism, upsert) in changes)
        {
            if (ScramMechanisms.NameOf((ScramMechanism)mechanism) is not { } name)
            {
                return (ErrorCode.UnsupportedSaslMechanism, "Unknown SCRAM mechanism");
            }

            if (upsert is null && store.Scram(user, name) is null)
            {
                return (ErrorCode.ResourceNotFound, "Attempt to delete a user credential that does not exist");
            }

            if (upsert is not null && (upsert.Iterations < ScramFormulas.MinIterations || upsert.Iterations > MaxIterations))
            {
                return (ErrorCode.UnacceptableCredential, upsert.Iterations < ScramFormulas.MinIterations ? "Too few iterations" : "Too many iterations");
            }

            if (upsert is not null && (upsert.SaltedPassword.IsEmpty || upsert.Salt.IsEmpty))
            {
                return (ErrorCode.UnacceptableCredential, "Salt and salted password must not be empty");
            }
        }

        return (ErrorCode.None, null);
    }
}
