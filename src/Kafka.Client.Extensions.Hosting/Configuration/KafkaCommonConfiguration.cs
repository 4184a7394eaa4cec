using Microsoft.Extensions.Configuration;

namespace Kafka.Client.Configuration;

/// <summary>The section every client's own section is laid over, set by <c>ConfigureKafkaCommon</c>.</summary>
/// <param name="Section">The shared section.</param>
internal sealed record KafkaCommonConfiguration(IConfiguration Section)
{
    /// <summary>The shared section's key in the app's configuration when none was set.</summary>
    public const string DefaultKey = "Kafka:Common";
}
