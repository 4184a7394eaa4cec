using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// SaslHandshake (17): chooses the mechanism of the SASL exchange that SaslAuthenticate then carries (v1, KIP-152), or
/// that bare token frames carry after a v0 handshake (served by <see cref="BrokerConnection"/>). UNSUPPORTED_SASL_MECHANISM with the offered list for another mechanism; ILLEGAL_SASL_STATE
/// on a listener without SASL, as Kafka's <c>KafkaApis.handleSaslHandshakeRequest</c>. A handshake on an authenticated
/// connection starts a re-authentication (KIP-368).
/// </summary>
internal sealed class SaslHandshakeHandler : ApiHandler<SaslHandshakeRequest, SaslHandshakeResponse>
{
    public override ApiKey Api => ApiKey.SaslHandshake;

    public override ValueTask<SaslHandshakeResponse?> HandleAsync(RequestContext context, SaslHandshakeRequest handshake, CancellationToken cancellationToken)
    {
        ClusterSecurity security = context.Cluster.Security;
        var response = new SaslHandshakeResponse { Mechanisms = [.. security.Mechanisms] };
        if (!context.Session.Listener.UsesSasl)
        {
            response.ErrorCode = (short)ErrorCode.IllegalSaslState;
            response.Mechanisms = [];
        }
        else if (security.CreateSaslServer(handshake.Mechanism) is { } exchange)
        {
            context.Session.Begin(handshake.Mechanism, exchange, rawTokens: context.Version == 0);
        }
        else
        {
            // Kafka answers, then closes the connection.
            response.ErrorCode = (short)ErrorCode.UnsupportedSaslMechanism;
            context.Session.CloseAfterResponse = true;
        }

        if (context.ForcedError != ErrorCode.None)
        {
            response.ErrorCode = (short)context.ForcedError;
        }

        return ValueTask.FromResult<SaslHandshakeResponse?>(response);
    }
}
