using Kafka.Client.Network.Security;
using Kafka.Client.Network.Security.OAuth;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Network;

/// <summary>SASL authentication (KIP-43, KIP-152): SaslHandshake names the mechanism, SaslAuthenticate carries its messages.</summary>
internal sealed partial class KafkaConnection
{
    /// <summary>How long the broker keeps the SASL session (KIP-368), or null when it does not say.</summary>
    public TimeSpan? SessionLifetime { get; private set; }

    /// <summary>Runs the SASL exchange of <paramref name="sasl"/>; the connection is Authenticating meanwhile.</summary>
    /// <exception cref="KafkaAuthenticationException">The broker refused the mechanism or the credentials, or did not prove itself (SCRAM).</exception>
    private async Task AuthenticateAsync(SaslSettings sasl, CancellationToken cancellationToken)
    {
        if (!Supports(ApiKey.SaslHandshake) || !Supports(ApiKey.SaslAuthenticate))
        {
            throw new KafkaAuthenticationException(ErrorCode.UnsupportedVersion,
                $"Broker {Address} does not offer SaslHandshake v1 and SaslAuthenticate (Kafka 1.0+); it may be a PLAINTEXT or SSL listener, while security.protocol asks for SASL.");
        }

        SaslHandshakeResponse handshake = await SendSaslAsync(new SaslHandshakeRequest { Mechanism = sasl.Mechanism }, cancellationToken).ConfigureAwait(false);
        switch ((ErrorCode)handshake.ErrorCode)
        {
            case ErrorCode.None:
                break;
            case ErrorCode.UnsupportedSaslMechanism:
                throw new KafkaAuthenticationException(ErrorCode.UnsupportedSaslMechanism,
                    $"Broker {Address} does not offer the SASL mechanism {sasl.Mechanism} (sasl.mechanism); it offers {(handshake.Mechanisms.Count == 0 ? "none" : string.Join(", ", handshake.Mechanisms))}.");
            case ErrorCode.IllegalSaslState:
                throw new KafkaAuthenticationException(ErrorCode.IllegalSaslState,
                    $"Broker {Address} refused the SASL handshake for {sasl.Mechanism} (IllegalSaslState): it is a listener without SASL, while security.protocol asks for SASL.");
            default:
                throw new KafkaAuthenticationException((ErrorCode)handshake.ErrorCode, $"Broker {Address} refused the SASL handshake for {sasl.Mechanism}: {(ErrorCode)handshake.ErrorCode}.");
        }

        ISaslClient client = await sasl.CreateAsync(cancellationToken).ConfigureAwait(false);
        byte[]? message = client.Start();
        while (message is not null)
        {
            SaslAuthenticateResponse response = await SendSaslAsync(new SaslAuthenticateRequest { AuthBytes = message }, cancellationToken).ConfigureAwait(false);
            if ((ErrorCode)response.ErrorCode != ErrorCode.None)
            {
                string detail = string.IsNullOrEmpty(response.ErrorMessage) ? ((ErrorCode)response.ErrorCode).Describe() : response.ErrorMessage;
                string check = client is OAuthBearerSaslClient oauth
                    ? (oauth.ServerError is { } status ? $"the broker refused the token: {status}; " : "") + "check the token source"
                    : "check sasl.username and sasl.password";
                throw new KafkaAuthenticationException((ErrorCode)response.ErrorCode,
                    $"SASL {sasl.Mechanism} authentication with broker {Address} failed: {detail} ({check}; not retried).");
            }

            message = client.Respond(response.AuthBytes.Span);
            if (message is null && response.SessionLifetimeMs > 0)
            {
                SessionLifetime = TimeSpan.FromMilliseconds(response.SessionLifetimeMs);
                ScheduleReauthentication(SessionLifetime.Value);
            }
        }
    }
}
