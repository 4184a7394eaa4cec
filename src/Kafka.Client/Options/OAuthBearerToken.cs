namespace Kafka.Client;

/// <summary>
/// An OAuth 2 bearer token for SASL OAUTHBEARER (KIP-255), as a token provider returns it. The token is a secret: it
/// never appears in <see cref="ToString"/>, a log line or an exception message.
/// </summary>
/// <param name="Value">The token, as sent to the broker (usually a JWT).</param>
/// <param name="Expiry">When it expires: the client gets a new one before (at 80% of its lifetime, as Java's <c>sasl.login.refresh.window.factor</c>).</param>
/// <param name="Principal">Whom it names (the JWT's <c>sub</c>), for logs.</param>
/// <param name="Extensions">SASL extensions sent with it (KIP-342), e.g. Confluent Cloud's <c>logicalCluster</c>; null for none.</param>
public sealed record OAuthBearerToken(string Value, DateTimeOffset Expiry, string Principal, IReadOnlyDictionary<string, string>? Extensions = null)
{
    /// <summary>The principal and the expiry; the token as <c>[hidden]</c>.</summary>
    /// <returns>A description without the token.</returns>
    public override string ToString() => $"OAuthBearerToken {{ Principal = {Principal}, Expiry = {Expiry:O}, Value = [hidden] }}";
}
