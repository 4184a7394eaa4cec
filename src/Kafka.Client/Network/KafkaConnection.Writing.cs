using System.IO.Pipelines;
using System.Net.Sockets;
using Kafka.Client.Protocol;

namespace Kafka.Client.Network;

/// <summary>
/// The write side: one queue of requests, written by one writer in queue order. Frames queued together go out in
/// one flush; a request waits for an in-flight slot (after what was already written is flushed) before it is
/// given a correlation id, so ids and bytes on the wire follow the order of the calls.
/// </summary>
internal sealed partial class KafkaConnection
{
    /// <summary>Unflushed bytes above which the writer flushes before writing more.</summary>
    private const int FlushThreshold = 1024 * 1024;

    private readonly Lock _sendSync = new();
    private readonly Queue<PendingRequest> _sendQueue = new();
    private readonly List<PendingRequest> _writtenWithoutResponse = [];
    private bool _writing;
    private int _outputCompleted;

    /// <summary>Queues a request; starts the writer when none is running (it runs on the caller's thread until it must wait).</summary>
    private void Enqueue(PendingRequest pending)
    {
        bool start;
        lock (_sendSync)
        {
            // Checked under the lock: End drains the queue under it, so a request is either refused or failed by End.
            ThrowUnlessSendable();
            _sendQueue.Enqueue(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = WriteLoopAsync();
        }
    }

    private async Task WriteLoopAsync()
    {
        int unflushed = 0;
        PendingRequest? next = null;
        try
        {
            while (true)
            {
                lock (_sendSync)
                {
                    if (!_sendQueue.TryDequeue(out next) && unflushed == 0)
                    {
                        _writing = false;
                        if (IsOpen)
                        {
                            return;
                        }
                    }
                }

                if (next is null && unflushed == 0)
                {
                    // Closed while idle: End left completing the output to this writer.
                    CompleteOutput();
                    return;
                }

                if (next is not null && ReauthenticationDue)
                {
                    await ReauthenticateAsync().ConfigureAwait(false);
                    unflushed = 0;
                }

                bool slot = next is { ExpectsResponse: true } && _inFlight.Wait(0);
                if (next is null || (next.ExpectsResponse && !slot) || _output.UnflushedBytes > FlushThreshold)
                {
                    // Flush before waiting: a slot is freed only by a response to something already on the wire.
                    await FlushWrittenAsync().ConfigureAwait(false);
                    unflushed = 0;
                    if (next is null || (next.ExpectsResponse && !slot && !await WaitForSlotAsync(next).ConfigureAwait(false)))
                    {
                        continue;
                    }
                }

                if (Write(next))
                {
                    unflushed++;
                }

                next = null;
            }
        }
        catch (OperationCanceledException)
        {
            // Closed: End failed everything queued and in flight; only the request in hand is left.
        }
        catch (KafkaAuthenticationException e)
        {
            // A re-authentication failed (KIP-368): the connection cannot be used any more.
            Break(e);
        }
#pragma warning disable CA1031 // Any failure of the write side closes the connection, which fails every request.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Break(new KafkaException(ErrorCode.NetworkException, $"Connection to broker {Address} failed while sending: {e.Message}", innerException: e));
        }

        next?.TrySetException(ClosedError());
        foreach (PendingRequest written in _writtenWithoutResponse)
        {
            // Written but never flushed (acks=0): they did not reach the broker.
            written.TrySetException(ClosedError());
        }

        _writtenWithoutResponse.Clear();
        bool closed;
        lock (_sendSync)
        {
            _writing = false;
            closed = !IsOpen;
        }

        if (closed)
        {
            CompleteOutput();
        }
    }

    /// <summary>Waits for an in-flight slot for a request that was already taken from the queue; false if its caller gave up meanwhile.</summary>
    private async ValueTask<bool> WaitForSlotAsync(PendingRequest next)
    {
        await _inFlight.WaitAsync(_closed.Token).ConfigureAwait(false);
        if (next.Task.IsCompleted)
        {
            _inFlight.Release();
            return false;
        }

        return true;
    }

    /// <summary>Writes one frame (an in-flight slot is held when a response is expected); false when the request was not written.</summary>
    private bool Write(PendingRequest next)
    {
        if (next.Task.IsCompleted)
        {
            // Cancelled while queued.
            if (next.ExpectsResponse)
            {
                _inFlight.Release();
            }

            return false;
        }

        int correlationId = Interlocked.Increment(ref _correlationId);
        if (next.ExpectsResponse)
        {
            next.SentAt = Environment.TickCount64;
            _pending[correlationId] = next;
            next.CorrelationId = correlationId;
            if (!IsOpen)
            {
                // Ended while this request took the slot End's failures freed: End fails what _pending held when it
                // looked, and this was not there yet. Whichever of the two removes it fails it.
                Complete(correlationId)?.TrySetException(ClosedError());
                return false;
            }
        }

        long before = _output.UnflushedBytes;
        try
        {
            KafkaFrame.WriteRequest(_output, next.Request, next.Version, correlationId, _settings.ClientId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (next.ExpectsResponse)
            {
                Complete(correlationId);
            }

            next.TrySetException(new KafkaException(ErrorCode.InvalidRequest, $"Cannot encode {next.Api} v{next.Version} for broker {Address}: {e.Message}", innerException: e));
            if (_output.UnflushedBytes != before)
            {
                // Part of a frame is in the buffer: the stream can no longer be trusted.
                throw;
            }

            return false;
        }

        if (!next.ExpectsResponse)
        {
            _writtenWithoutResponse.Add(next);
        }

        return true;
    }

    private async ValueTask FlushWrittenAsync()
    {
        try
        {
            await _output.FlushAsync(_closed.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Break(new KafkaException(ErrorCode.NetworkException, $"Connection to broker {Address} failed while sending: {e.Message}", innerException: e));
            throw new OperationCanceledException("The connection closed.", e);
        }

        foreach (PendingRequest written in _writtenWithoutResponse)
        {
            written.TrySetResult(null);
        }

        _writtenWithoutResponse.Clear();
    }

    /// <summary>Fails every request still queued (called by End, after the connection is marked closed).</summary>
    private void FailQueued(Exception reason)
    {
        bool idle;
        lock (_sendSync)
        {
            while (_sendQueue.TryDequeue(out PendingRequest? queued))
            {
                queued.TrySetException(reason);
            }

            idle = !_writing;
        }

        if (idle)
        {
            CompleteOutput();
        }
    }

    /// <summary>Completes the output pipe once: by End when no writer runs, else by the writer when it stops.</summary>
    private void CompleteOutput()
    {
        if (_output is null || Interlocked.Exchange(ref _outputCompleted, 1) != 0)
        {
            // No pipe when the connection ended before its socket connected.
            return;
        }

        try
        {
            _output.Complete();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }
    }
}
