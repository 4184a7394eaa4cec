namespace Kafka.Client;

/// <summary>One incremental change to a config (as Java's <c>AlterConfigOp</c>).</summary>
/// <param name="Name">The config name.</param>
/// <param name="Value">The value to set, append or subtract; null for <see cref="AlterConfigOpType.Delete"/>.</param>
/// <param name="OpType">How to apply it.</param>
public sealed record AlterConfigOp(string Name, string? Value, AlterConfigOpType OpType)
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>.</summary>
    public static AlterConfigOp Set(string name, string value) => new(name, value, AlterConfigOpType.Set);

    /// <summary>Removes the setting of <paramref name="name"/>, so the default applies again.</summary>
    public static AlterConfigOp Delete(string name) => new(name, null, AlterConfigOpType.Delete);

    /// <summary>Adds <paramref name="value"/> to the list config <paramref name="name"/>.</summary>
    public static AlterConfigOp Append(string name, string value) => new(name, value, AlterConfigOpType.Append);

    /// <summary>Removes <paramref name="value"/> from the list config <paramref name="name"/>.</summary>
    public static AlterConfigOp Subtract(string name, string value) => new(name, value, AlterConfigOpType.Subtract);
}
