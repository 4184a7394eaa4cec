using System.Net.Sockets;
using Kafka.Client.Diagnostics;
using Kafka.Client.Protocol;

namespace Kafka.Client.Network;

/// <summary>
/// The connection's one state (<see cref="ConnectionState"/>) and its moves; the end of a connection (Broken or
/// Closed) happens here only, once, with the signals that follow it: the loops' cancellation, every request queued or
/// in flight failed with the reason, <see cref="Closed"/> completed.
/// </summary>
internal sealed partial class KafkaConnection
{
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _closedTask = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state = (int)ConnectionState.Connecting;
    private Exception? _endReason;

    /// <summary>Where the connection is in its life.</summary>
    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    /// <summary>False once the connection is Broken or Closed.</summary>
    public bool IsOpen => !ConnectionStates.IsFinal(State);

    /// <summary>Completes when the connection is Broken or Closed.</summary>
    public Task Closed => _closedTask.Task;

    /// <summary>Moves from <paramref name="from"/> to <paramref name="to"/>; false when the connection is no longer in <paramref name="from"/>.</summary>
    private bool TryMove(ConnectionState from, ConnectionState to)
    {
        if (!ConnectionStates.CanMove(from, to))
        {
            throw new InvalidOperationException($"A connection cannot move from {from} to {to}.");
        }

        return Interlocked.CompareExchange(ref _state, (int)to, (int)from) == (int)from;
    }

    /// <summary>The connection failed: it becomes Broken (unless it already ended) and everything waiting fails with <paramref name="reason"/>.</summary>
    private void Break(Exception reason) => End(ConnectionState.Broken, reason);

    /// <summary>Ends the connection once, whatever state it is in; a second end (a failure after a close, or the reverse) changes nothing.</summary>
    private void End(ConnectionState final, Exception reason)
    {
        int current;
        do
        {
            current = Volatile.Read(ref _state);
            if (!ConnectionStates.CanMove((ConnectionState)current, final))
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _state, (int)final, current) != current);

        // Written before anyone can observe the final state through a failed request or the Closed task.
        Volatile.Write(ref _endReason, reason);
        LogMessages.LogClosed(_logger, Address.ToString(), NodeId, reason.Message);
        _closed.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
        foreach (int id in _pending.Keys)
        {
            Complete(id)?.TrySetException(reason);
        }

        FailQueued(reason);
        _closedTask.TrySetResult();
    }

    /// <summary>The error of a request on a connection that ended: the reason it ended.</summary>
    private KafkaException ClosedError()
    {
        Exception? reason = Volatile.Read(ref _endReason);
        return reason as KafkaException
            ?? new KafkaException(ErrorCode.NetworkException, $"The connection to broker {Address} is closed.", innerException: reason);
    }

    /// <summary>Throws unless requests may be written now (called under the send lock, which End also takes).</summary>
    private void ThrowUnlessSendable()
    {
        ConnectionState state = State;
        if (ConnectionStates.IsFinal(state))
        {
            throw ClosedError();
        }

        if (!ConnectionStates.CanSend(state))
        {
            throw new KafkaException(ErrorCode.NetworkException, $"The connection to broker {Address} is not open yet ({state}).");
        }
    }

    /// <summary>Closes the connection (Closed, unless it already broke) and waits for its loops to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        End(ConnectionState.Closed, new KafkaException(ErrorCode.NetworkException, $"The connection to broker {Address} was closed by the client."));
        try
        {
            await _readLoop.ConfigureAwait(false);
            await _timeoutLoop.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Disposing never throws: the loops' failures already ended the connection.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
