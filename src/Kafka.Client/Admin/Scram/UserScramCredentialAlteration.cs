using System.Text;
using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>A change to a user's SCRAM credentials, for <see cref="KafkaAdminClient.AlterUserScramCredentialsAsync"/>.</summary>
/// <param name="User">The user name.</param>
public abstract record UserScramCredentialAlteration(string User);

/// <summary>
/// Creates or replaces a user's credential for a mechanism. The admin client salts and hashes the password; only the
/// salted password goes to the broker, and the password never appears in <see cref="object.ToString"/>.
/// </summary>
/// <param name="User">The user name.</param>
/// <param name="Info">The mechanism and iterations (4096 to 16384).</param>
/// <param name="Password">The password.</param>
public sealed record UserScramCredentialUpsertion(string User, ScramCredentialInfo Info, string Password)
    : UserScramCredentialAlteration(User)
{
    /// <summary>Prints the user and mechanism; the password as <c>[hidden]</c>.</summary>
    /// <param name="builder">Where to print.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("User = ").Append(User).Append(", Info = ").Append(Info).Append(", Password = [hidden]");
        return true;
    }
}

/// <summary>Deletes a user's credential for a mechanism.</summary>
/// <param name="User">The user name.</param>
/// <param name="Mechanism">The mechanism.</param>
public sealed record UserScramCredentialDeletion(string User, ScramMechanism Mechanism)
    : UserScramCredentialAlteration(User);
