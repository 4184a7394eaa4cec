namespace Kafka.Client.Testing.Security;

/// <summary>A SASL exchange failed; the message is what the broker answers (never a secret).</summary>
internal sealed class SaslFailure(string message) : Exception(message);
