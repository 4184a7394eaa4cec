using System.Text;

namespace Kafka.Client.Testing.Security;

/// <summary>
/// SASL OAUTHBEARER, server side (RFC 7628, KIP-255), as Kafka's <c>OAuthBearerSaslServer</c>: the client's message
/// <c>n,,^Aauth=Bearer TOKEN^A[key=value^A]...^A</c>; a refused token is answered with <c>{"status":"invalid_token"}</c>,
/// the client sends <c>^A</c>, and the exchange fails.
/// </summary>
internal sealed class OAuthBearerSaslServer(Func<string, OAuthBearerValidation?> validate) : ISaslServer
{
    private const char Separator = '\u0001';
    private string? _refusal;

    public bool IsComplete { get; private set; }

    public string? User { get; private set; }

    /// <summary>When the accepted token expires.</summary>
    public DateTimeOffset? CredentialExpiry { get; private set; }

    public byte[] Evaluate(ReadOnlySpan<byte> message)
    {
        if (_refusal is { } refusal)
        {
            // The client's ^A after our error: the exchange ends in failure.
            throw new SaslFailure(refusal);
        }

        if (IsComplete)
        {
            throw new SaslFailure("Unexpected SASL message: the OAUTHBEARER exchange is complete.");
        }

        string text = Encoding.UTF8.GetString(message);
        string[] parts = text.Split(Separator);
        if (parts.Length < 3 || !parts[0].StartsWith("n,", StringComparison.Ordinal) || parts[^1].Length != 0 || parts[^2].Length != 0)
        {
            throw new SaslFailure("Invalid OAUTHBEARER client first message: expected n,,^Aauth=Bearer TOKEN^A^A (RFC 7628).");
        }

        string? token = null;
        foreach (string part in parts[1..^2])
        {
            if (part.StartsWith("auth=Bearer ", StringComparison.Ordinal))
            {
                token = part["auth=Bearer ".Length..].Trim();
            }
            else if (part.IndexOf('=', StringComparison.Ordinal) <= 0)
            {
                throw new SaslFailure("Invalid OAUTHBEARER client first message: an extension is not key=value.");
            }
        }

        OAuthBearerValidation? accepted = token is { Length: > 0 } ? validate(token) : null;
        if (accepted is null)
        {
            _refusal = "Authentication failed: the OAUTHBEARER token is not valid (an unsecured JWT with sub and an exp in the future, unless the cluster validates otherwise)";
            return Encoding.UTF8.GetBytes("{\"status\":\"invalid_token\"}");
        }

        string authzid = parts[0]["n,".Length..].TrimEnd(',');
        if (authzid.StartsWith("a=", StringComparison.Ordinal) && authzid[2..] != accepted.Principal)
        {
            throw new SaslFailure("Authentication failed: Client requested an authorization id that is different from the token's principal");
        }

        User = accepted.Principal;
        CredentialExpiry = accepted.Expiry;
        IsComplete = true;
        return [];
    }
}
