using Kafka.Client.Protocol;

namespace Kafka.Client;

/// <summary>What a broker tells of one SCRAM credential: its mechanism and iterations (never the password or keys).</summary>
/// <param name="Mechanism">The mechanism.</param>
/// <param name="Iterations">The iterations of the salted password (4096 to 16384).</param>
public sealed record ScramCredentialInfo(ScramMechanism Mechanism, int Iterations);
