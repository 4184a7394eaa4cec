using System.Reflection;
using Kafka.Client.Protocol;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.Handlers;

namespace Kafka.Client.Testing.Tests.Broker;

/// <summary>
/// The broker's version table: one row per handler, rows that name every version the codec knows (so regenerating
/// the codec from a newer spec is reviewed, not silently served), and named capabilities inside their rows.
/// </summary>
public sealed class BrokerApiVersionsTests
{
    [Test]
    public void A_row_newer_or_older_than_the_codec_is_printed_for_review()
    {
        string[] review = [.. BrokerApiVersions.Rows
            .Where(row => (row.Max != KafkaApis.HighestStableVersion(row.Api) && !ServedBeyondThePinnedSpec(row)) || row.Min < KafkaApis.LowestVersion(row.Api))
            .Select(row => $"{row}; the codec knows v{KafkaApis.LowestVersion(row.Api)}-v{KafkaApis.HighestStableVersion(row.Api)}")];

        Assert.That(review, Is.Empty, "the codec changed under these rows of BrokerApiVersions; check what the new versions add, then update the handler and the row:\n" + string.Join("\n", review));
    }

    /// <summary>A row may serve an unstable version of the codec only with the reason (Kafka's release made it stable as is).</summary>
    private static bool ServedBeyondThePinnedSpec(BrokerApiVersionRow row) =>
        row.BeyondPinnedSpec is { Length: > 0 } && row.Max == KafkaApis.HighestVersion(row.Api);

    [Test]
    public void The_handlers_and_the_rows_name_the_same_apis()
    {
        ApiKey[] handled = [.. HandlerCatalog.Create().Select(h => h.Api).Order()];
        ApiKey[] rows = [.. BrokerApiVersions.Rows.Select(r => r.Api).Order()];
        Assert.That(rows, Is.EqualTo(handled));
        Assert.That(rows, Is.Unique);
    }

    [Test]
    public void Every_handler_takes_the_typed_request_of_its_own_api()
    {
        var wrong = new List<string>();
        foreach (IApiHandler handler in HandlerCatalog.Create())
        {
            Type? pair = handler.GetType().BaseType;
            if (pair is not { IsGenericType: true } || pair.GetGenericTypeDefinition() != typeof(ApiHandler<,>))
            {
                wrong.Add($"{handler.GetType().Name} is not an ApiHandler<TRequest, TResponse>");
                continue;
            }

            Type request = pair.GetGenericArguments()[0];
            var api = (ApiKey)request.GetProperty("ApiKey", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            if (api != handler.Api)
            {
                wrong.Add($"{handler.GetType().Name} handles {handler.Api} but takes {request.Name} ({api})");
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void A_named_version_lies_inside_the_row_of_its_api()
    {
        Type[] named = [.. typeof(BrokerApiVersions).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(BrokerApiVersions).Namespace && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Versions", StringComparison.Ordinal) && t != typeof(BrokerApiVersions))];
        Assert.That(named, Has.Length.GreaterThanOrEqualTo(10));

        var outside = new List<string>();
        foreach (Type type in named)
        {
            BrokerApiVersionRow? row = BrokerApiVersions.Find(Enum.Parse<ApiKey>(type.Name[..^"Versions".Length]));
            foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                short version = (short)field.GetRawConstantValue()!;
                if (row is null || version < row.Min || version > row.Max)
                {
                    outside.Add($"{type.Name}.{field.Name} = {version}: {row?.ToString() ?? "no row"}");
                }
            }
        }

        Assert.That(outside, Is.Empty);
    }
}
