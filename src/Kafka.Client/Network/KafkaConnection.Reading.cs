using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using Kafka.Client.Diagnostics;
using Kafka.Client.Network.Security;
using Kafka.Client.Protocol;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Network;

/// <summary>The read loop (responses matched by correlation id) and request timeouts.</summary>
internal sealed partial class KafkaConnection
{
    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        Exception? failure = null;
        try
        {
            while (true)
            {
                ReadResult result = await _input.ReadAsync(_closed.Token).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = result.Buffer;
                if (State == ConnectionState.Negotiating && StartsLikeTls(buffer))
                {
                    failure = new KafkaAuthenticationException(ErrorCode.UnknownServerError,
                        $"Broker {Address} answered with TLS: it is an SSL or SASL_SSL listener, so security.protocol must be SSL or SASL_SSL.");
                    break;
                }

                while (KafkaFrame.TryReadLength(buffer, _settings.MaxResponseSize, out int length) && buffer.Length >= KafkaFrame.LengthPrefixSize + length)
                {
                    Dispatch(buffer.Slice(KafkaFrame.LengthPrefixSize, length));
                    buffer = buffer.Slice(KafkaFrame.LengthPrefixSize + length);
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    failure = State != ConnectionState.Negotiating ? new KafkaException(ErrorCode.NetworkException, $"Broker {Address} closed the connection.")
                        : _settings.Security?.Tls is { } tls ? RefusedAfterTlsHandshake(tls)
                        : new KafkaException(ErrorCode.NetworkException, $"Broker {Address} closed the connection before answering ApiVersions; if it is an SSL or SASL_SSL listener, security.protocol must be SSL or SASL_SSL.");
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            failure = e is KafkaProtocolException
                ? new KafkaException(ErrorCode.CorruptMessage, $"Broker {Address} sent bytes this client cannot decode: {e.Message}", innerException: e)
                : new KafkaException(ErrorCode.NetworkException, $"Connection to broker {Address} failed: {e.Message}", innerException: e);
        }

        Break(failure ?? new KafkaException(ErrorCode.NetworkException, $"The connection to broker {Address} is closed."));
        await _input.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A broker that closes a TLS connection right after the handshake, before answering ApiVersions, refused the
    /// client's certificate: with TLS 1.3 the server checks it after the client's side of the handshake is done (Java
    /// reports an <c>SslAuthenticationException</c> then). Not retried: the same certificate is refused again.
    /// </summary>
    private KafkaAuthenticationException RefusedAfterTlsHandshake(TlsSettings tls) =>
        new(ErrorCode.UnknownServerError, tls.ClientCertificate is not null
            ? $"TLS with broker {Address} failed: the broker closed the connection after the handshake, so it refused this client's certificate (not signed by a CA it trusts, or not valid now)."
            : $"TLS with broker {Address} failed: the broker closed the connection after the handshake; it requires a client certificate (ssl.client.auth=required): set ssl.certificate.location and ssl.key.location.");

    /// <summary>
    /// True when a broker's first bytes are a TLS record (an alert or a handshake, type 21 or 22, version 3.x) rather than
    /// a Kafka frame, whose length would start with a zero byte: the client spoke plain Kafka to a TLS listener.
    /// </summary>
    private static bool StartsLikeTls(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(head);
        return head[0] is 0x15 or 0x16 && head[1] == 0x03;
    }

    private void Dispatch(ReadOnlySequence<byte> frame)
    {
        if (frame.Length < 4)
        {
            throw new KafkaProtocolException($"A response of {frame.Length} bytes from {Address} has no correlation id.");
        }

        Span<byte> id = stackalloc byte[4];
        frame.Slice(0, 4).CopyTo(id);
        int correlationId = BinaryPrimitives.ReadInt32BigEndian(id);
        PendingRequest? pending = Complete(correlationId);
        if (pending is null)
        {
            // The caller cancelled or timed out; its response is dropped.
            return;
        }

        // One array per response (never per message): record batches in it stay valid after decoding.
        // Uninitialized: every byte is overwritten at once, and large fetch responses are not zeroed twice.
        byte[] bytes = GC.AllocateUninitializedArray<byte>((int)frame.Length);
        frame.CopyTo(bytes);
        try
        {
            var reader = new KafkaReader(bytes.AsMemory()) { NullBytesAsEmpty = true };
            KafkaFrame.ReadResponseHeader(ref reader, pending.Api, pending.Version);
            IKafkaResponse response = KafkaApis.ReadResponse(pending.Api, ref reader, pending.Version);
            if (reader.Remaining > 0 && pending.Api != ApiKey.ApiVersions && KafkaApis.ResponseHeaderVersion(pending.Api, pending.Version) == 0)
            {
                // A fixed-layout (non-flexible) version accounts for every byte, so bytes left over mean the broker lays
                // it out differently and the values read cannot be trusted: librdkafka 2.0's mock writes ListOffsets
                // v4+ LeaderEpoch as 8 bytes, and the next partition then read as index -1 with error -1. Flexible
                // versions may end in a stray empty tag section (librdkafka 2.16's mock, Metadata v12), which is
                // harmless and tolerated. ApiVersions is exempt: an unsupported-version answer is v0 in a newer frame (KIP-511).
                throw new KafkaProtocolException($"{reader.Remaining} bytes are left over after the body: the broker encodes this version differently.");
            }

            pending.TrySetResult(response);
        }
        catch (KafkaProtocolException) when (pending.Api == ApiKey.ApiVersions && pending.Version > 0 && TryReadApiVersionsV0(bytes, pending))
        {
            // A broker that does not know our ApiVersions version answers with a v0 body (KIP-511); Java's
            // ApiVersionsResponse.parse falls back to v0 the same way.
        }
        catch (Exception e) when (e is KafkaProtocolException or InvalidCastException or ArgumentException)
        {
            // Not retriable (Java's parse failures are not RetriableExceptions either): the same request gets the same answer.
            pending.TrySetException(new KafkaDecodeException($"Cannot decode {pending.Api} v{pending.Version} response from {Address}: {e.Message}", e));
        }
    }

    private static bool TryReadApiVersionsV0(byte[] bytes, PendingRequest pending)
    {
        try
        {
            var reader = new KafkaReader(bytes.AsMemory());
            KafkaFrame.ReadResponseHeader(ref reader, ApiKey.ApiVersions, 0);
            return pending.TrySetResult(Kafka.Client.Protocol.Messages.ApiVersionsResponse.Read(ref reader, 0));
        }
        catch (KafkaProtocolException)
        {
            return false;
        }
    }

    private async Task TimeoutLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(_settings.RequestTimeout.TotalMilliseconds / 10, 10, 250)));
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token).ConfigureAwait(false))
            {
                long now = Environment.TickCount64;
                foreach (var (_, pending) in _pending)
                {
                    if (now - pending.SentAt > pending.TimeoutMs)
                    {
                        Break(new KafkaException(ErrorCode.RequestTimedOut, $"{pending.Api} request to broker {Address} timed out after {pending.TimeoutMs} ms; the connection was closed."));
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
