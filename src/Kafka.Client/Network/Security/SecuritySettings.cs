namespace Kafka.Client.Network.Security;

/// <summary>How every connection of a client secures itself: TLS under the pipes, SASL after ApiVersions; null parts are off.</summary>
internal sealed record SecuritySettings(TlsSettings? Tls, SaslSettings? Sasl)
{
    /// <summary>PLAINTEXT.</summary>
    public static SecuritySettings None { get; } = new(null, null);

    /// <summary>The settings of a client's options; certificate and key files are read here, once.</summary>
    /// <exception cref="ArgumentException">A file cannot be read or holds no certificate or key; the message names the property.</exception>
    public static SecuritySettings From(ClientOptions options) => new(
        options.UsesTls ? TlsSettings.From(options) : null,
        options.UsesSasl ? SaslSettings.From(options) : null);
}
