using Kafka.Client.Options;

namespace Kafka.Client.Network.Security;

/// <summary>The SASL side of a client: its mechanism and a fresh exchange per connection.</summary>
internal sealed class SaslSettings
{
    private readonly Func<ISaslClient> _create;

    private SaslSettings(string mechanism, Func<ISaslClient> create)
    {
        Mechanism = mechanism;
        _create = create;
    }

    /// <summary>The mechanism's Kafka name, as SaslHandshake sends it.</summary>
    public string Mechanism { get; }

    /// <summary>A new exchange for one connection.</summary>
    public ISaslClient Create() => _create();

    /// <summary>The SASL settings of a client's options (validated: credentials present, mechanism supported).</summary>
    /// <exception cref="NotSupportedException">The mechanism is not supported.</exception>
    public static SaslSettings From(ClientOptions options)
    {
        (string? user, string? password) = options.ResolveSaslCredentials();
        string mechanism = SecurityProperties.NameOf(options.SaslMechanism);
        return options.SaslMechanism switch
        {
            SaslMechanism.Plain => new(mechanism, () => new PlainSaslClient(user!, password!)),
            SaslMechanism.ScramSha256 or SaslMechanism.ScramSha512 => new(mechanism, () => new ScramSaslClient(mechanism, user!, password!)),
            _ => throw new NotSupportedException($"The SASL mechanism {mechanism} is not supported by Kafka.Client yet; PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 are."),
        };
    }

    public override string ToString() => $"SASL {Mechanism}";
}
