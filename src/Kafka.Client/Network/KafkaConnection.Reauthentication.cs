using Kafka.Client.Network.Security;
using Kafka.Client.Protocol;

namespace Kafka.Client.Network;

/// <summary>
/// Re-authentication before the broker's SASL session ends (KIP-368), as the Java client does it: once 85-95% of
/// the session lifetime the broker gave has passed, the writer holds the next request back, waits for every answer in
/// flight, runs SaslHandshake and SaslAuthenticate again (with a fresh OAUTHBEARER token), and then goes on.
/// </summary>
internal sealed partial class KafkaConnection
{
    // Environment.TickCount64 at which to re-authenticate; 0 when the session does not expire.
    private long _reauthenticateAt;

    // True while the writer runs a re-authentication: the SASL requests then go straight to the wire, not to the queue.
    private bool _reauthenticating;

    /// <summary>True when the next request must wait for a re-authentication.</summary>
    private bool ReauthenticationDue => _reauthenticateAt > 0 && Environment.TickCount64 >= _reauthenticateAt;

    /// <summary>Plans the re-authentication of a session of <paramref name="lifetime"/>, at a random 85-95% of it.</summary>
    private void ScheduleReauthentication(TimeSpan lifetime) =>
        _reauthenticateAt = Environment.TickCount64 + (long)(lifetime.TotalMilliseconds * (0.85 + (Random.Shared.NextDouble() * 0.1)));

    /// <summary>Run by the writer: waits for the answers in flight, then authenticates again on this connection.</summary>
    /// <exception cref="KafkaAuthenticationException">The broker refused the new exchange.</exception>
    private async ValueTask ReauthenticateAsync()
    {
        _reauthenticateAt = 0;
        SaslSettings sasl = _settings.Security!.Sasl!;
        await FlushWrittenAsync().ConfigureAwait(false);
        for (int i = 0; i < _settings.MaxInFlight; i++)
        {
            await _inFlight.WaitAsync(_closed.Token).ConfigureAwait(false);
        }

        _inFlight.Release(_settings.MaxInFlight);
        _reauthenticating = true;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
            timeout.CancelAfter(_settings.ConnectTimeout);
            await AuthenticateAsync(sasl, timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            _reauthenticating = false;
        }
    }

    /// <summary>The SASL requests: queued as any other, or, during a re-authentication, written by the writer itself.</summary>
    private async Task<TResponse> SendSaslAsync<TResponse>(IKafkaRequest<TResponse> request, CancellationToken cancellationToken)
        where TResponse : IKafkaResponse
    {
        if (!_reauthenticating)
        {
            return await SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var pending = new PendingRequest(request, VersionFor(request.Api), expectsResponse: true, (long)_settings.RequestTimeout.TotalMilliseconds);
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!Write(pending))
        {
            throw ClosedError();
        }

        await FlushWrittenAsync().ConfigureAwait(false);
        return (TResponse)(await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
