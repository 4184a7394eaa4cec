using Microsoft.Extensions.Configuration;

namespace Kafka.Client.Configuration;

/// <summary>Where the options of one client come from: registered once per client by the <c>AddKafka...</c> methods.</summary>
/// <typeparam name="TOptions">The client's options class.</typeparam>
/// <param name="Name">The client's name (its options name and service key); empty for the unnamed client.</param>
/// <param name="Section">The client's configuration section.</param>
/// <param name="FromProperties">The options class's <c>FromProperties</c>.</param>
/// <param name="Excluded">A key of <paramref name="Section"/> that is not a Kafka property (a hosted consumer's <c>Handler</c>); null for none.</param>
internal sealed record KafkaClientConfiguration<TOptions>(string Name, IConfiguration Section, Func<IEnumerable<KeyValuePair<string, string>>, TOptions> FromProperties, string? Excluded = null)
    where TOptions : ClientOptions;
