namespace Kafka.Client.Network.Security.OAuth;

/// <summary>
/// The token of one client, shared by its connections: fetched on first use and again once 80% of its lifetime has
/// passed (Java's <c>sasl.login.refresh.window.factor</c> 0.8); a failed refresh keeps the old token while it is valid.
/// </summary>
internal sealed class OAuthBearerTokenCache(Func<CancellationToken, ValueTask<OAuthBearerToken>> fetch, TimeProvider time)
{
    private const double RefreshWindowFactor = 0.8;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OAuthBearerToken? _token;
    private DateTimeOffset _refreshAt;

    /// <summary>A token valid now.</summary>
    /// <exception cref="KafkaAuthenticationException">No valid token could be had; the message says why (never the token).</exception>
    public async ValueTask<OAuthBearerToken> GetAsync(CancellationToken cancellationToken)
    {
        if (_token is { } current && time.GetUtcNow() < _refreshAt)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset now = time.GetUtcNow();
            if (_token is { } fresh && now < _refreshAt)
            {
                return fresh;
            }

            OAuthBearerToken token;
            try
            {
                token = await fetch(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (_token is { } old && now < old.Expiry)
                {
                    return old;
                }

                throw e as KafkaAuthenticationException
                    ?? new KafkaAuthenticationException(Protocol.ErrorCode.SaslAuthenticationFailed, $"No OAUTHBEARER token: {e.GetType().Name}: {e.Message}", e);
            }

            if (token.Expiry <= now)
            {
                throw new KafkaAuthenticationException(Protocol.ErrorCode.SaslAuthenticationFailed, $"The OAUTHBEARER token for {token.Principal} expired at {token.Expiry:O}.");
            }

            _token = token;
            _refreshAt = now + ((token.Expiry - now) * RefreshWindowFactor);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
