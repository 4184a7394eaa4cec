using System.Security.Cryptography;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Protocol.Sasl;

namespace Kafka.Client;

/// <summary>SCRAM users (KIP-554): describing and altering credentials (Describe/AlterUserScramCredentials, sent to any broker).</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Describes the SCRAM credentials of users (DescribeUserScramCredentials).</summary>
    /// <param name="users">The users, or null for every user with a credential.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One description per user (in order when users were named).</returns>
    /// <exception cref="KafkaException">
    /// The broker refused (<see cref="ErrorCode.ClusterAuthorizationFailed"/> without DESCRIBE on the cluster), or no
    /// broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<UserScramCredentialsDescription>> DescribeUserScramCredentialsAsync(IEnumerable<string>? users = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var request = new DescribeUserScramCredentialsRequest
        {
            Users = users is null ? null : [.. users.Select(u => new DescribeUserScramCredentialsRequest.UserName { Name = u })],
        };
        DescribeUserScramCredentialsResponse response = await SendToAnyBrokerAsync("DescribeUserScramCredentials", request, cancellationToken).ConfigureAwait(false);
        if (ResponseError("DescribeUserScramCredentials", "the users", response.ErrorCode, response.ErrorMessage) is { } error)
        {
            throw error;
        }

        return [.. response.Results.Select(r => new UserScramCredentialsDescription(
            r.User,
            [.. r.CredentialInfos.Select(c => new ScramCredentialInfo((ScramMechanism)c.Mechanism, c.Iterations))],
            ResponseError("DescribeUserScramCredentials", $"user {r.User}", r.ErrorCode, r.ErrorMessage)))];
    }

    /// <summary>
    /// Creates, replaces and deletes SCRAM credentials (AlterUserScramCredentials), as
    /// <c>kafka-configs --alter --add-config 'SCRAM-SHA-256=[iterations=8192,password=...]' --entity-type users</c>.
    /// The password is salted and hashed here; the broker only receives the salted password.
    /// </summary>
    /// <param name="alterations">The changes; one user may have several, for different mechanisms.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per user, in the order the users first appear.</returns>
    /// <exception cref="ArgumentException">An alteration names no user or an unknown mechanism.</exception>
    /// <exception cref="KafkaException">No broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<AlterUserScramCredentialsResult>> AlterUserScramCredentialsAsync(IEnumerable<UserScramCredentialAlteration> alterations, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(alterations);
        List<UserScramCredentialAlteration> changes = [.. alterations];
        var request = new AlterUserScramCredentialsRequest();
        foreach (UserScramCredentialAlteration change in changes)
        {
            if (string.IsNullOrEmpty(change?.User))
            {
                throw new ArgumentException("A SCRAM credential alteration names no user.", nameof(alterations));
            }

            switch (change)
            {
                case UserScramCredentialUpsertion upsert:
                    string mechanism = MechanismName(upsert.Info.Mechanism);
                    byte[] salt = RandomNumberGenerator.GetBytes(32);
                    request.Upsertions.Add(new AlterUserScramCredentialsRequest.ScramCredentialUpsertion
                    {
                        Name = upsert.User,
                        Mechanism = (sbyte)upsert.Info.Mechanism,
                        Iterations = upsert.Info.Iterations,
                        Salt = salt,
                        SaltedPassword = ScramFormulas.SaltedPassword(ScramFormulas.HashOf(mechanism), upsert.Password, salt, upsert.Info.Iterations),
                    });
                    break;
                case UserScramCredentialDeletion delete:
                    MechanismName(delete.Mechanism);
                    request.Deletions.Add(new AlterUserScramCredentialsRequest.ScramCredentialDeletion { Name = delete.User, Mechanism = (sbyte)delete.Mechanism });
                    break;
            }
        }

        AlterUserScramCredentialsResponse response = await SendToAnyBrokerAsync("AlterUserScramCredentials", request, cancellationToken).ConfigureAwait(false);
        var byUser = response.Results.GroupBy(r => r.User).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. changes.Select(c => c.User).Distinct(StringComparer.Ordinal).Select(user => new AlterUserScramCredentialsResult(user,
            byUser.TryGetValue(user, out AlterUserScramCredentialsResponse.AlterUserScramCredentialsResult? result)
                ? ResponseError("AlterUserScramCredentials", $"user {user}", result.ErrorCode, result.ErrorMessage)
                : new KafkaException(ErrorCode.UnknownServerError, $"AlterUserScramCredentials: the broker did not answer for user {user}.")))];
    }

    private static string MechanismName(ScramMechanism mechanism) => mechanism switch
    {
        ScramMechanism.ScramSha256 => "SCRAM-SHA-256",
        ScramMechanism.ScramSha512 => "SCRAM-SHA-512",
        _ => throw new ArgumentException($"The SCRAM mechanism {mechanism} is not SCRAM-SHA-256 or SCRAM-SHA-512.", nameof(mechanism)),
    };
}
