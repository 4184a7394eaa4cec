using Kafka.Client.Network.Security.OAuth;
using Kafka.Client.Options;

namespace Kafka.Client.Network.Security;

/// <summary>The SASL side of a client: its mechanism and a fresh exchange per connection.</summary>
internal sealed class SaslSettings
{
    private readonly Func<CancellationToken, ValueTask<ISaslClient>> _create;

    private SaslSettings(string mechanism, Func<CancellationToken, ValueTask<ISaslClient>> create)
    {
        Mechanism = mechanism;
        _create = create;
    }

    /// <summary>The mechanism's Kafka name, as SaslHandshake sends it.</summary>
    public string Mechanism { get; }

    /// <summary>A new exchange for one connection (for OAUTHBEARER, with a token valid now).</summary>
    /// <exception cref="KafkaAuthenticationException">No OAUTHBEARER token could be had.</exception>
    public ValueTask<ISaslClient> CreateAsync(CancellationToken cancellationToken) => _create(cancellationToken);

    /// <summary>The SASL settings of a client's options (validated: credentials present, mechanism supported).</summary>
    /// <exception cref="NotSupportedException">The mechanism is not supported.</exception>
    public static SaslSettings From(ClientOptions options)
    {
        (string? user, string? password) = options.ResolveSaslCredentials();
        string mechanism = SecurityProperties.NameOf(options.SaslMechanism);
        return options.SaslMechanism switch
        {
            SaslMechanism.Plain => new(mechanism, _ => ValueTask.FromResult<ISaslClient>(new PlainSaslClient(user!, password!))),
            SaslMechanism.ScramSha256 or SaslMechanism.ScramSha512 => new(mechanism, _ => ValueTask.FromResult<ISaslClient>(new ScramSaslClient(mechanism, user!, password!))),
            SaslMechanism.OAuthBearer => OAuthBearer(mechanism, new OAuthBearerTokenCache(OAuthBearerSources.From(options, TimeProvider.System), TimeProvider.System)),
            _ => throw new NotSupportedException($"The SASL mechanism {mechanism} is not supported by Kafka.Client; PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER are."),
        };
    }

    private static SaslSettings OAuthBearer(string mechanism, OAuthBearerTokenCache tokens) =>
        new(mechanism, async token => new OAuthBearerSaslClient(await tokens.GetAsync(token).ConfigureAwait(false)));

    public override string ToString() => $"SASL {Mechanism}";
}
