using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kafka.Client.Testing.Security;

/// <summary>
/// A certificate authority a cluster creates for itself (ECDSA P-256, made in a millisecond): it signs the brokers'
/// certificate and, for mutual-TLS tests, client certificates. Clients trust it through its PEM.
/// </summary>
internal sealed class CertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly ECDsa _key;

    private CertificateAuthority(ECDsa key, X509Certificate2 certificate)
    {
        _key = key;
        Certificate = certificate;
        Pem = certificate.ExportCertificatePem();
    }

    /// <summary>The CA's certificate (without its key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA's certificate as PEM, for <c>ssl.ca.location</c> or <c>ssl.ca.pem</c>.</summary>
    public string Pem { get; }

    /// <summary>Creates a CA valid from a day ago for ten years.</summary>
    public static CertificateAuthority Create(string clusterId)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Kafka.Client.Testing CA {clusterId}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 withKey = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(withKey.RawData);
        return new CertificateAuthority(key, certificate);
    }

    /// <summary>A broker certificate for the given host names and addresses, valid from a day ago for ten years.</summary>
    public X509Certificate2 IssueServer(IEnumerable<string> hosts)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (string host in hosts.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(host, out IPAddress? address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        return Issue("CN=localhost", names.Build(), ServerAuth, now.AddDays(-1), now.AddYears(10));
    }

    /// <summary>A client certificate with subject <paramref name="subject"/> (<c>CN=alice</c>) for the given validity.</summary>
    public X509Certificate2 IssueClient(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        Issue(subject, null, ClientAuth, notBefore, notAfter);

    /// <summary>A certificate signed by this CA, with its private key.</summary>
    public X509Certificate2 Issue(string subject, X509Extension? alternativeNames, Oid usage, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        if (alternativeNames is not null)
        {
            request.CertificateExtensions.Add(alternativeNames);
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var signer = X509SignatureGenerator.CreateForECDsa(_key);
        using X509Certificate2 publicOnly = request.Create(Certificate.SubjectName, signer, notBefore, notAfter, serial);
        X509Certificate2 withKey = publicOnly.CopyWithPrivateKey(key);
        if (!OperatingSystem.IsWindows())
        {
            return withKey;
        }

        // SChannel cannot use an ephemeral key: a persisted copy.
        using (withKey)
        {
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
