using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Kafka.Client.Protocol;

namespace Kafka.Client.Network.Security;

/// <summary>
/// The client side of a TLS handshake with one broker: the broker's certificate is checked against the trusted CAs
/// (or the system store), its validity dates and, unless turned off, the host name; a failure says which.
/// </summary>
internal static class TlsHandshake
{
    /// <summary>Authenticates over <paramref name="inner"/> and returns the TLS stream, which owns it.</summary>
    /// <exception cref="KafkaAuthenticationException">The broker's certificate was refused, or the broker refused ours.</exception>
    /// <exception cref="KafkaException">The broker closed the connection during the handshake (retriable: it may be restarting, or not a TLS listener).</exception>
    public static async Task<SslStream> AuthenticateAsync(Stream inner, BrokerAddress address, TlsSettings settings, CancellationToken cancellationToken)
    {
        string? refusal = null;
        bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (settings.Validation is { } custom)
            {
                bool accepted = custom(sender, certificate, chain, errors);
                refusal = accepted ? null : "the validation callback (SslCertificateValidation) refused it";
                return accepted;
            }

            refusal = Refusal(certificate, chain, errors, settings.CheckHostName, address);
            return refusal is null;
        }

        var stream = new SslStream(inner, leaveInnerStreamOpen: false, Validate);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = address.Host,
            ClientCertificateContext = settings.ClientCertificate,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (settings.Trusted is { } trusted)
        {
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(trusted);
        }

        try
        {
            await stream.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch (AuthenticationException e)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            string why = refusal is not null
                ? $"the broker's certificate was refused: {refusal}"
                : $"the handshake failed ({e.InnerException?.Message ?? e.Message}); if the broker requires a client certificate (ssl.client.auth), set ssl.certificate.location and ssl.key.location";
            throw new KafkaAuthenticationException(ErrorCode.UnknownServerError, $"TLS with broker {address} failed: {why}.", e);
        }
        catch (IOException e)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new KafkaException(
                ErrorCode.NetworkException,
                $"Broker {address} closed the connection during the TLS handshake; if it is a PLAINTEXT or SASL_PLAINTEXT listener, security.protocol must not be SSL or SASL_SSL ({e.Message}).",
                innerException: e);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Why a certificate is refused, or null when it is accepted.</summary>
    private static string? Refusal(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, bool checkHostName, BrokerAddress address)
    {
        if (!checkHostName)
        {
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }

        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || certificate is null)
        {
            return "the broker sent no certificate";
        }

        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
            foreach (X509ChainStatus status in chain?.ChainStatus ?? [])
            {
                flags |= status.Status;
            }

            using var leaf = new X509Certificate2(certificate);
            if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid))
            {
                reasons.Add($"it is not valid now (valid from {leaf.NotBefore:u} to {leaf.NotAfter:u})");
            }

            if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot) || flags.HasFlag(X509ChainStatusFlags.PartialChain))
            {
                reasons.Add($"it is not signed by a trusted CA (issuer {leaf.Issuer}; ssl.ca.location or ssl.ca.pem name the CAs to trust)");
            }

            X509ChainStatusFlags other = flags & ~(X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain);
            if (other != X509ChainStatusFlags.NoError || reasons.Count == 0)
            {
                reasons.Add($"its chain is invalid ({other})");
            }
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add($"it does not name the host '{address.Host}' (ssl.endpoint.identification.algorithm=https; none turns the check off)");
        }

        return string.Join("; ", reasons);
    }
}
