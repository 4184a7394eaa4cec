using Kafka.Client.Protocol;

namespace Kafka.Client.Cli.Acls;

/// <summary>ACLs printed and parsed as <c>kafka-acls.sh</c> does: <c>ResourcePattern(resourceType=TOPIC, name=t, patternType=LITERAL)</c>.</summary>
internal static class AclText
{
    public static string Pattern(ResourcePattern pattern) =>
        $"ResourcePattern(resourceType={Upper(pattern.Type.ToString())}, name={pattern.Name}, patternType={Upper(pattern.PatternType.ToString())})";

    public static string Entry(AccessControlEntry entry) =>
        $"(principal={entry.Principal}, host={entry.Host}, operation={Upper(entry.Operation.ToString())}, permissionType={Upper(entry.Permission.ToString())})";

    /// <summary>Kafka's operation names, case and underscores ignored: <c>Read</c>, <c>describe_configs</c>, <c>IdempotentWrite</c>.</summary>
    /// <exception cref="UsageException">The name is not an operation.</exception>
    public static AclOperation Operation(string name) =>
        Enum.TryParse(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out AclOperation operation) && operation is not (AclOperation.Unknown or AclOperation.Any)
            ? operation
            : throw new UsageException($"--operation '{name}' is not one of Read, Write, Create, Delete, Alter, Describe, ClusterAction, DescribeConfigs, AlterConfigs, IdempotentWrite, All.");

    /// <exception cref="UsageException">The name is not a pattern type.</exception>
    public static ResourcePatternType PatternType(string name) =>
        Enum.TryParse(name, ignoreCase: true, out ResourcePatternType type) && type != ResourcePatternType.Unknown
            ? type
            : throw new UsageException($"--resource-pattern-type '{name}' is not one of literal, prefixed, any, match.");

    // TransactionalId -> TRANSACTIONAL_ID, DescribeConfigs -> DESCRIBE_CONFIGS, as Kafka's enum names.
    private static string Upper(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
