using System.Text.Json;
using Kafka.Client.Protocol;
using Kafka.Client.Testing.Security;

namespace Kafka.Client.Testing.Storage;

/// <summary>
/// The ACLs and SCRAM credentials in the data directory (<c>__cluster_metadata/acls.json</c> and
/// <c>scram-credentials.json</c>), where Kafka keeps them in its metadata log: written atomically on every change,
/// read back at start. Credentials are salts, iterations and keys, never passwords.
/// </summary>
internal sealed class SecurityStore(string directory)
{
    private readonly string _aclsFile = Path.Combine(directory, "__cluster_metadata", "acls.json");
    private readonly string _scramFile = Path.Combine(directory, "__cluster_metadata", "scram-credentials.json");
    private readonly Lock _write = new();

    /// <summary>Loads what was saved into <paramref name="security"/> (users named in the options keep their configured password), then saves each change.</summary>
    public void Attach(ClusterSecurity security, ICollection<string> configuredUsers)
    {
        foreach (AclRule rule in LoadAcls())
        {
            security.Authorizer.Add(rule);
        }

        foreach (var (user, mechanism, credential) in LoadScram())
        {
            if (!configuredUsers.Contains(user))
            {
                security.Users.SetScram(user, mechanism, credential);
            }
        }

        // Saved under one lock, the state read inside it: two changes at once write the later state last.
        void Save()
        {
            lock (_write)
            {
                SaveAcls(security.Authorizer.Describe(AclFilter.Everything));
                SaveScram(security.Users.AllScram());
            }
        }

        security.Authorizer.Changed += Save;
        security.Users.Changed += Save;
        Save();
    }

    private List<AclRule> LoadAcls()
    {
        var rules = new List<AclRule>();
        if (!File.Exists(_aclsFile))
        {
            return rules;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(_aclsFile));
        foreach (JsonElement a in document.RootElement.EnumerateArray())
        {
            rules.Add(new AclRule(
                (ResourceType)a.GetProperty("resourceType").GetInt32(), a.GetProperty("name").GetString()!, (ResourcePatternType)a.GetProperty("patternType").GetInt32(),
                a.GetProperty("principal").GetString()!, a.GetProperty("host").GetString()!, (AclOperation)a.GetProperty("operation").GetInt32(),
                (AclPermissionType)a.GetProperty("permission").GetInt32()));
        }

        return rules;
    }

    private void SaveAcls(IEnumerable<AclRule> rules) => MetadataStore.AtomicWrite(_aclsFile, Json(json =>
    {
        foreach (AclRule rule in rules)
        {
            json.WriteStartObject();
            json.WriteNumber("resourceType", (int)rule.ResourceType);
            json.WriteString("name", rule.ResourceName);
            json.WriteNumber("patternType", (int)rule.PatternType);
            json.WriteString("principal", rule.Principal);
            json.WriteString("host", rule.Host);
            json.WriteNumber("operation", (int)rule.Operation);
            json.WriteNumber("permission", (int)rule.Permission);
            json.WriteEndObject();
        }
    }));

    private List<(string User, string Mechanism, ScramCredential Credential)> LoadScram()
    {
        var credentials = new List<(string, string, ScramCredential)>();
        if (!File.Exists(_scramFile))
        {
            return credentials;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(_scramFile));
        foreach (JsonElement c in document.RootElement.EnumerateArray())
        {
            credentials.Add((c.GetProperty("user").GetString()!, c.GetProperty("mechanism").GetString()!, new ScramCredential(
                c.GetProperty("salt").GetBytesFromBase64(), c.GetProperty("iterations").GetInt32(),
                c.GetProperty("storedKey").GetBytesFromBase64(), c.GetProperty("serverKey").GetBytesFromBase64())));
        }

        return credentials;
    }

    private void SaveScram(IEnumerable<(string User, string Mechanism, ScramCredential Credential)> credentials) => MetadataStore.AtomicWrite(_scramFile, Json(json =>
    {
        foreach (var (user, mechanism, credential) in credentials.OrderBy(c => c.User, StringComparer.Ordinal).ThenBy(c => c.Mechanism, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("user", user);
            json.WriteString("mechanism", mechanism);
            json.WriteBase64String("salt", credential.Salt);
            json.WriteNumber("iterations", credential.Iterations);
            json.WriteBase64String("storedKey", credential.StoredKey);
            json.WriteBase64String("serverKey", credential.ServerKey);
            json.WriteEndObject();
        }
    }));

    private static byte[] Json(Action<Utf8JsonWriter> items)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            items(json);
            json.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
