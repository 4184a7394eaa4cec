namespace Kafka.Client.Benchmarks.EndToEnd;

/// <summary>
/// `--security PLAINTEXT|SSL|SASL_SSL` of the end-to-end modes: the broker's listener and the settings both clients
/// connect with. SASL_SSL uses SCRAM-SHA-512 with one user; SSL has no client certificate (the broker's default
/// <c>--ssl-client-auth none</c>). The broker writes its CA to a temporary PEM file that both clients trust.
/// </summary>
internal sealed class Security : IDisposable
{
    public const string User = "bench";
    public const string Password = "bench-secret";

    private Security(string name, string? caFile)
    {
        Name = name;
        CaFile = caFile;
    }

    /// <summary>PLAINTEXT, SSL or SASL_SSL, as Kafka spells it.</summary>
    public string Name { get; }

    /// <summary>The PEM of the broker's CA (written by <c>kafka broker --write-ca</c>); null for PLAINTEXT.</summary>
    public string? CaFile { get; }

    public bool Tls => Name is "SSL" or "SASL_SSL";

    public bool Sasl => Name is "SASL_SSL";

    /// <summary>Reads <c>--security</c> (default PLAINTEXT).</summary>
    public static Security FromArgs(string[] args)
    {
        int index = Array.IndexOf(args, "--security");
        string name = index >= 0 && index + 1 < args.Length ? args[index + 1].ToUpperInvariant() : "PLAINTEXT";
        if (name is not ("PLAINTEXT" or "SSL" or "SASL_SSL"))
        {
            throw new ArgumentException($"--security takes PLAINTEXT, SSL or SASL_SSL, not '{args[index + 1]}'.");
        }

        return new Security(name, name == "PLAINTEXT" ? null : Path.Combine(Path.GetTempPath(), $"kafka-bench-ca-{Environment.ProcessId}.pem"));
    }

    /// <summary>The <c>kafka broker</c> arguments that open the listener (after <c>--brokers N</c>).</summary>
    public IEnumerable<string> BrokerArguments()
    {
        if (!Tls)
        {
            return ["--port", "0"];
        }

        var arguments = new List<string> { "--listener", $"{Name}://127.0.0.1:0", "--write-ca", CaFile! };
        if (Sasl)
        {
            arguments.AddRange(["--sasl-user", $"{User}:{Password}"]);
        }

        return arguments;
    }

    /// <summary>Sets our client's security options.</summary>
    public T Ours<T>(T options)
        where T : ClientOptions
    {
        if (Tls)
        {
            options.SecurityProtocol = Sasl ? SecurityProtocol.SaslSsl : SecurityProtocol.Ssl;
            options.SslCaLocation = CaFile;
        }

        if (Sasl)
        {
            options.SaslMechanism = SaslMechanism.ScramSha512;
            options.SaslUsername = User;
            options.SaslPassword = Password;
        }

        return options;
    }

    /// <summary>Sets Confluent.Kafka's (librdkafka's) security properties.</summary>
    public T Theirs<T>(T config)
        where T : Confluent.Kafka.ClientConfig
    {
        if (Tls)
        {
            config.SecurityProtocol = Sasl ? Confluent.Kafka.SecurityProtocol.SaslSsl : Confluent.Kafka.SecurityProtocol.Ssl;
            config.SslCaLocation = CaFile;
        }

        if (Sasl)
        {
            config.SaslMechanism = Confluent.Kafka.SaslMechanism.ScramSha512;
            config.SaslUsername = User;
            config.SaslPassword = Password;
        }

        return config;
    }

    public void Dispose()
    {
        if (CaFile is not null)
        {
            File.Delete(CaFile);
        }
    }
}
