using System.Net.Security;
using System.Security.Authentication;

namespace Kafka.Client.Testing.Tests.Security;

/// <summary>
/// A real TLS ClientHello, as this machine's <see cref="SslStream"/> writes it: the client handshake runs over a stream
/// that records what is written and answers every read with the end of the stream, so the handshake stops right after
/// the hello.
/// </summary>
internal static class TlsClientHello
{
    private static readonly Lazy<Task<byte[]>> s_hello = new(CaptureAsync);

    /// <summary>The bytes of the ClientHello (its TLS record or records).</summary>
    public static Task<byte[]> BytesAsync() => s_hello.Value;

    private static async Task<byte[]> CaptureAsync()
    {
        var recorder = new RecordingStream();
        await using (var tls = new SslStream(recorder, leaveInnerStreamOpen: true))
        {
            try
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" });
            }
            catch (Exception e) when (e is IOException or AuthenticationException)
            {
                // The recorder ended the stream after the hello: expected.
            }
        }

        byte[] hello = recorder.Written;
        Assert.That(hello, Has.Length.GreaterThan(40), "SslStream wrote a ClientHello");
        Assert.That(hello[0], Is.EqualTo(0x16), "a handshake record");
        return hello;
    }

    /// <summary>A stream that keeps what is written to it and has nothing to read.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly MemoryStream _written = new();

        public byte[] Written
        {
            get
            {
                lock (_written)
                {
                    return _written.ToArray();
                }
            }
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => 0;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(0);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(0);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (_written)
            {
                _written.Write(buffer);
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _written.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
