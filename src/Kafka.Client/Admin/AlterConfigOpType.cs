namespace Kafka.Client;

/// <summary>How an incremental config change applies its value; the values are the protocol's.</summary>
public enum AlterConfigOpType : sbyte
{
    /// <summary>Sets the value.</summary>
    Set = 0,

    /// <summary>Removes the setting, so the default applies again.</summary>
    Delete = 1,

    /// <summary>Adds the value to a list config.</summary>
    Append = 2,

    /// <summary>Removes the value from a list config.</summary>
    Subtract = 3,
}
