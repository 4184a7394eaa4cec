namespace Kafka.Client;

/// <summary>Which part of a message a serializer is working on.</summary>
public enum MessageComponentType
{
    /// <summary>The key.</summary>
    Key = 1,

    /// <summary>The value.</summary>
    Value = 2,
}
