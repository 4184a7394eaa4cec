namespace Kafka.Client.Testing.Groups;

/// <summary>One protocol (assignor) a member supports, with its metadata (for consumers: int16 version + subscription).</summary>
/// <param name="Name">The protocol name, for example <c>range</c>.</param>
/// <param name="Metadata">The member's metadata for this protocol, copied out of the request buffer.</param>
internal sealed record GroupProtocol(string Name, byte[] Metadata);
