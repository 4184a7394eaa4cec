using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Kafka.Client.Testing.Security;

/// <summary>
/// The SASL users of a cluster: a PLAIN password hash per user (SHA-256, compared in fixed time) and a SCRAM credential
/// per user and mechanism. Users added later (AlterUserScramCredentials) get SCRAM credentials only, as in Kafka.
/// </summary>
internal sealed class SaslUserStore
{
    private readonly ConcurrentDictionary<string, byte[]> _plain = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string User, string Mechanism), ScramCredential> _scram = new();

    public SaslUserStore(IEnumerable<KeyValuePair<string, string>> users)
    {
        foreach ((string user, string password) in users)
        {
            _plain[user] = SHA256.HashData(Encoding.UTF8.GetBytes(password));
            _scram[(user, "SCRAM-SHA-256")] = ScramCredential.Create("SCRAM-SHA-256", password);
            _scram[(user, "SCRAM-SHA-512")] = ScramCredential.Create("SCRAM-SHA-512", password);
        }
    }

    /// <summary>True when <paramref name="user"/> has PLAIN password <paramref name="password"/>.</summary>
    public bool CheckPlain(string user, string password)
    {
        byte[] given = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        return _plain.TryGetValue(user, out byte[]? expected) && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>The SCRAM credential of a user for a mechanism, or null.</summary>
    public ScramCredential? Scram(string user, string mechanism) => _scram.GetValueOrDefault((user, mechanism));

    /// <summary>Raised after a SCRAM credential was set or removed, for the data directory.</summary>
    public event Action? Changed;

    /// <summary>Sets (or replaces) a SCRAM credential.</summary>
    public void SetScram(string user, string mechanism, ScramCredential credential)
    {
        _scram[(user, mechanism)] = credential;
        Changed?.Invoke();
    }

    /// <summary>Removes a SCRAM credential; false when there was none.</summary>
    public bool RemoveScram(string user, string mechanism)
    {
        bool removed = _scram.TryRemove((user, mechanism), out _);
        if (removed)
        {
            Changed?.Invoke();
        }

        return removed;
    }

    /// <summary>Every SCRAM credential, by user.</summary>
    public IEnumerable<(string User, string Mechanism, ScramCredential Credential)> AllScram() =>
        _scram.Select(e => (e.Key.User, e.Key.Mechanism, e.Value));
}
