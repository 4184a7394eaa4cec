using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kafka.Client.Network.Security;

/// <summary>
/// The TLS side of a client, loaded once from its options: the CAs to trust (none: the system store), the client's
/// certificate with its chain, the host-name rule and the user's own validation, if any.
/// </summary>
internal sealed class TlsSettings
{
    private TlsSettings(X509Certificate2Collection? trusted, SslStreamCertificateContext? clientCertificate, bool checkHostName, RemoteCertificateValidationCallback? validation)
    {
        Trusted = trusted;
        ClientCertificate = clientCertificate;
        CheckHostName = checkHostName;
        Validation = validation;
    }

    /// <summary>The CAs of <c>ssl.ca.*</c>, or null for the system trust store.</summary>
    public X509Certificate2Collection? Trusted { get; }

    /// <summary>The client's certificate, with the intermediates of its file, or null.</summary>
    public SslStreamCertificateContext? ClientCertificate { get; }

    /// <summary>False for <c>ssl.endpoint.identification.algorithm=none</c>.</summary>
    public bool CheckHostName { get; }

    /// <summary>The user's validation, which replaces the built-in one.</summary>
    public RemoteCertificateValidationCallback? Validation { get; }

    /// <summary>Reads the certificates and keys the options name.</summary>
    /// <exception cref="ArgumentException">A file is missing or holds no certificate or key; the message names the property (never a key or a password).</exception>
    public static TlsSettings From(ClientOptions options) => new(
        LoadTrusted(options),
        LoadClientCertificate(options),
        options.SslEndpointIdentificationAlgorithm == SslEndpointIdentification.Https,
        options.SslCertificateValidation);

    private static X509Certificate2Collection? LoadTrusted(ClientOptions options)
    {
        if (options.SslCaPem is { } pem)
        {
            return Certificates(() => Import(pem, null), "ssl.ca.pem");
        }

        if (options.SslCaLocation is not { } location)
        {
            return null;
        }

        if (Directory.Exists(location))
        {
            string[] files = [.. Directory.EnumerateFiles(location).Where(f => Path.GetExtension(f) is ".pem" or ".crt" or ".cer").Order(StringComparer.Ordinal)];
            return Certificates(() => Import(null, files), $"ssl.ca.location (folder {location})");
        }

        if (!File.Exists(location))
        {
            throw new ArgumentException($"ssl.ca.location: no file or folder '{location}'.");
        }

        return Certificates(() => Import(null, [location]), $"ssl.ca.location ({location})");
    }

    private static X509Certificate2Collection Import(string? pem, string[]? files)
    {
        var collection = new X509Certificate2Collection();
        if (pem is not null)
        {
            collection.ImportFromPem(pem);
        }

        foreach (string file in files ?? [])
        {
            collection.ImportFromPemFile(file);
        }

        return collection;
    }

    private static X509Certificate2Collection Certificates(Func<X509Certificate2Collection> load, string source)
    {
        X509Certificate2Collection collection;
        try
        {
            collection = load();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{source}: cannot read the CA certificates: {e.Message}", e);
        }

        if (collection.Count == 0)
        {
            throw new ArgumentException($"{source}: no PEM certificate (-----BEGIN CERTIFICATE-----) found.");
        }

        return collection;
    }

    private static SslStreamCertificateContext? LoadClientCertificate(ClientOptions options)
    {
        if (options.SslClientCertificate is { } given)
        {
            return given.HasPrivateKey
                ? SslStreamCertificateContext.Create(given, null, offline: true)
                : throw new ArgumentException("SslClientCertificate has no private key: a client certificate needs one.");
        }

        string? certificatePem;
        string? keyPem;
        string source;
        if (options.SslCertificateLocation is { } certificateFile)
        {
            source = "ssl.certificate.location/ssl.key.location";
            certificatePem = Read(certificateFile, "ssl.certificate.location");
            keyPem = options.SslKeyLocation is { } keyFile ? Read(keyFile, "ssl.key.location") : certificatePem;
        }
        else if (options.SslCertificatePem is { } pem)
        {
            source = "ssl.certificate.pem/ssl.key.pem";
            certificatePem = pem;
            keyPem = options.SslKeyPem;
        }
        else
        {
            return null;
        }

        try
        {
            X509Certificate2 leaf = options.SslKeyPassword is { } password
                ? X509Certificate2.CreateFromEncryptedPem(certificatePem, keyPem, password)
                : X509Certificate2.CreateFromPem(certificatePem, keyPem);
            if (OperatingSystem.IsWindows())
            {
                // SChannel cannot use an ephemeral key: give it a persisted copy.
                X509Certificate2 ephemeral = leaf;
                leaf = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
                ephemeral.Dispose();
            }

            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(certificatePem);
            var intermediates = new X509Certificate2Collection();
            foreach (X509Certificate2 certificate in chain)
            {
                if (certificate.Thumbprint != leaf.Thumbprint)
                {
                    intermediates.Add(certificate);
                }
            }

            return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        }
        catch (CryptographicException e)
        {
            // The message of a failed decryption never holds the password or the key.
            throw new ArgumentException($"{source}: cannot load the client certificate and its private key: {e.Message}", e);
        }
    }

    private static string Read(string path, string property)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{property}: cannot read '{path}': {e.Message}", e);
        }
    }
}
