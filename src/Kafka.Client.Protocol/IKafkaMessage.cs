namespace Kafka.Client.Protocol;

/// <summary>A message of the Kafka protocol (a request, a response, a header or an embedded schema) that can be written.</summary>
public interface IKafkaMessage
{
    /// <summary>Writes the message at <paramref name="version"/>.</summary>
    /// <exception cref="KafkaProtocolException">The message cannot be written at that version.</exception>
    void Write(ref KafkaWriter writer, short version);

    /// <summary>The number of bytes <see cref="Write"/> writes at <paramref name="version"/>.</summary>
    int GetSize(short version);
}

/// <summary>A message type that can also be read, with its version range.</summary>
/// <typeparam name="TSelf">The message type itself.</typeparam>
public interface IKafkaMessage<TSelf> : IKafkaMessage
    where TSelf : IKafkaMessage<TSelf>
{
    /// <summary>The lowest version the codec knows.</summary>
    static abstract short LowestSupportedVersion { get; }

    /// <summary>The highest version the codec knows.</summary>
    static abstract short HighestSupportedVersion { get; }

    /// <summary>Reads the message at <paramref name="version"/>.</summary>
    /// <exception cref="KafkaProtocolException">The bytes are not a valid message of that version.</exception>
    static abstract TSelf Read(ref KafkaReader reader, short version);
}

/// <summary>A request of one Kafka API.</summary>
public interface IKafkaRequest : IKafkaMessage
{
    /// <summary>The API this request belongs to.</summary>
    ApiKey Api { get; }
}

/// <summary>A request of one Kafka API whose response is <typeparamref name="TResponse"/>.</summary>
/// <typeparam name="TResponse">The response message of the API.</typeparam>
public interface IKafkaRequest<TResponse> : IKafkaRequest
    where TResponse : IKafkaResponse
{
}

/// <summary>A response of one Kafka API.</summary>
public interface IKafkaResponse : IKafkaMessage
{
    /// <summary>The API this response belongs to.</summary>
    ApiKey Api { get; }
}
