using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kafka.Client.Testing.Security;

/// <summary>
/// The broker side of a TLS handshake: presents the cluster's certificate, asks for a client certificate as
/// <c>ssl.client.auth</c> says, checks it against the cluster's CA, and names the principal from its subject.
/// </summary>
internal static class TlsServerHandshake
{
    /// <summary>Kafka's principal of a client without a certificate.</summary>
    public const string Anonymous = "User:ANONYMOUS";

    /// <summary>
    /// Runs the handshake over <paramref name="inner"/>; returns the TLS stream (which owns it) and the client's principal.
    /// <paramref name="clientAuth"/> is the listener's <c>ssl.client.auth</c>.
    /// </summary>
    /// <exception cref="AuthenticationException">The client's certificate was refused, or the client refused ours.</exception>
    /// <exception cref="IOException">The client sent something that is not TLS, or left.</exception>
    public static async Task<(SslStream Stream, string Principal)> AcceptAsync(Stream inner, ClusterSecurity security, SslClientAuthentication clientAuth, CancellationToken cancellationToken)
    {
        string principal = Anonymous;
        bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is null)
            {
                return clientAuth != SslClientAuthentication.Required;
            }

            using var chainOfClient = new X509Chain();
            chainOfClient.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chainOfClient.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chainOfClient.ChainPolicy.CustomTrustStore.Add(security.Authority!.Certificate);
            using var leaf = new X509Certificate2(certificate);
            if (!chainOfClient.Build(leaf))
            {
                return false;
            }

            principal = "User:" + DistinguishedName(leaf.SubjectName);
            return true;
        }

        var stream = new SslStream(inner, leaveInnerStreamOpen: false, Validate);
        try
        {
            await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = security.ServerCertificate,
                ClientCertificateRequired = clientAuth != SslClientAuthentication.None,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, cancellationToken).ConfigureAwait(false);
            return (stream, principal);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A subject in RFC 2253 form, most specific first (<c>CN=alice,OU=eng,O=acme</c>), as Java's <c>X500Principal.getName()</c>.</summary>
    public static string DistinguishedName(X500DistinguishedName name)
    {
        var builder = new StringBuilder();
        foreach (X500RelativeDistinguishedName part in name.EnumerateRelativeDistinguishedNames(reversed: true))
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            string type = part.GetSingleElementType().Value switch
            {
                "2.5.4.3" => "CN",
                "2.5.4.11" => "OU",
                "2.5.4.10" => "O",
                "2.5.4.7" => "L",
                "2.5.4.8" => "ST",
                "2.5.4.6" => "C",
                "2.5.4.9" => "STREET",
                "0.9.2342.19200300.100.1.25" => "DC",
                "0.9.2342.19200300.100.1.1" => "UID",
                var oid => oid ?? "?",
            };
            builder.Append(type).Append('=').Append(part.GetSingleElementValue());
        }

        return builder.ToString();
    }
}
