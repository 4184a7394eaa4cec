namespace Kafka.Client;

/// <summary>What a serializer or deserializer is told about the data: key or value, the topic, the headers.</summary>
/// <param name="Component">Whether the data is the key or the value.</param>
/// <param name="Topic">The topic the message is produced to or consumed from.</param>
/// <param name="Headers">The message's headers, or null when it has none; a serializer may add headers.</param>
public readonly record struct SerializationContext(MessageComponentType Component, string Topic, Headers? Headers = null);
