using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Handlers;

/// <summary>
/// SaslAuthenticate (36): one step of the exchange SaslHandshake chose. A failure answers SASL_AUTHENTICATION_FAILED
/// with the reason and closes the connection (Kafka's <c>SaslServerAuthenticator</c>); a step without a handshake before
/// it answers ILLEGAL_SASL_STATE and closes. Success makes the SASL user the connection's principal, for
/// <c>connections.max.reauth.ms</c> (v1+ answers it as the session lifetime).
/// </summary>
internal sealed class SaslAuthenticateHandler : ApiHandler<SaslAuthenticateRequest, SaslAuthenticateResponse>
{
    public override ApiKey Api => ApiKey.SaslAuthenticate;

    public override ValueTask<SaslAuthenticateResponse?> HandleAsync(RequestContext context, SaslAuthenticateRequest authenticate, CancellationToken cancellationToken)
    {
        ConnectionSession session = context.Session;
        var response = new SaslAuthenticateResponse();
        if (session.Exchange is not { } exchange)
        {
            response.ErrorCode = (short)ErrorCode.IllegalSaslState;
            response.ErrorMessage = session.Listener.UsesSasl
                ? "Unexpected SaslAuthenticate request: no SaslHandshake chose a mechanism"
                : $"SaslAuthenticate on the {session.Listener.Name} listener, which has no SASL";
            session.CloseAfterResponse = true;
            return ValueTask.FromResult<SaslAuthenticateResponse?>(response);
        }

        if (context.ForcedError != ErrorCode.None)
        {
            response.ErrorCode = (short)context.ForcedError;
            response.ErrorMessage = "Forced by the test";
            session.CloseAfterResponse = true;
            return ValueTask.FromResult<SaslAuthenticateResponse?>(response);
        }

        try
        {
            response.AuthBytes = exchange.Evaluate(authenticate.AuthBytes.Span);
        }
        catch (SaslFailure failure)
        {
            response.ErrorCode = (short)ErrorCode.SaslAuthenticationFailed;
            response.ErrorMessage = failure.Message;
            session.CloseAfterResponse = true;
            return ValueTask.FromResult<SaslAuthenticateResponse?>(response);
        }

        if (exchange.IsComplete && session.ReauthenticationRefusal(exchange.User!, session.Mechanism!) is { } refusal)
        {
            response.ErrorCode = (short)ErrorCode.SaslAuthenticationFailed;
            response.ErrorMessage = refusal;
            response.AuthBytes = ReadOnlyMemory<byte>.Empty;
            session.CloseAfterResponse = true;
            return ValueTask.FromResult<SaslAuthenticateResponse?>(response);
        }

        if (exchange.IsComplete)
        {
            long lifetime = context.Cluster.Security.SessionLifetimeFor(exchange);
            session.Authenticated(exchange.User!, lifetime);
            response.SessionLifetimeMs = lifetime;
        }

        return ValueTask.FromResult<SaslAuthenticateResponse?>(response);
    }
}
