namespace Kafka.Client.Testing;

/// <summary>A token the embedded broker accepted for SASL OAUTHBEARER: whom it names and until when.</summary>
/// <param name="Principal">The user name; the connection's principal becomes <c>User:</c> and it.</param>
/// <param name="Expiry">When the token expires: with <see cref="EmbeddedKafkaClusterOptions.ConnectionsMaxReauthMs"/>, the session ends then at the latest (KIP-368).</param>
public sealed record OAuthBearerValidation(string Principal, DateTimeOffset Expiry);
