namespace Kafka.Client.Protocol;

/// <summary>The exceptions the generated messages throw.</summary>
internal static class MessageErrors
{
    public static KafkaProtocolException UnsupportedVersion(string message, short version) =>
        new(message, version, null, "this version is not supported by the codec");

    public static KafkaProtocolException NotNullable(string message, short version, string field) =>
        new(message, version, field, "null is not allowed in this version");

    public static KafkaProtocolException NonDefault(string message, short version, string field) =>
        new(message, version, field, "the field does not exist in this version, so it must keep its default value");

    public static KafkaProtocolException UnknownApi(ApiKey api) =>
        new($"API key {(short)api} is not known to the codec.");
}
