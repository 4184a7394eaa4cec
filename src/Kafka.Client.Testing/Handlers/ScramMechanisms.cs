using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Handlers;

/// <summary>The SCRAM mechanisms between their SASL names and the codes of the SCRAM credential APIs.</summary>
internal static class ScramMechanisms
{
    public static ScramMechanism Of(string name) => name switch
    {
        "SCRAM-SHA-256" => ScramMechanism.ScramSha256,
        "SCRAM-SHA-512" => ScramMechanism.ScramSha512,
        _ => ScramMechanism.Unknown,
    };

    public static string? NameOf(ScramMechanism mechanism) => mechanism switch
    {
        ScramMechanism.ScramSha256 => "SCRAM-SHA-256",
        ScramMechanism.ScramSha512 => "SCRAM-SHA-512",
        _ => null,
    };
}
