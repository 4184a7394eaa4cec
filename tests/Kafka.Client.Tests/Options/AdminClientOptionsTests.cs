namespace Kafka.Client.Tests.Options;

/// <summary>AdminClientOptions: defaults, Kafka property names and validation.</summary>
public class AdminClientOptionsTests
{
    // Kafka 4.0 AdminClientConfig.java: the admin client's connections.max.idle.ms is 5 minutes, not 9.
    [TestCase("connections.max.idle.ms", "300000")]
    [TestCase("default.api.timeout.ms", "60000")]
    [TestCase("retries", "2147483647")]
    [TestCase("request.timeout.ms", "30000")]
    [TestCase("retry.backoff.ms", "100")]
    public void Defaults_are_the_Java_client_defaults(string name, string value) =>
        Assert.That(new AdminClientOptions().ToProperties()[name], Is.EqualTo(value));

    [Test]
    public void Java_property_names_set_the_options_and_read_back()
    {
        AdminClientOptions options = AdminClientOptions.FromProperties(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "broker:9092",
            ["default.api.timeout.ms"] = "1000",
            ["retries"] = "0",
            ["connections.max.idle.ms"] = "-1",
        });
        Assert.That(options.DefaultApiTimeoutMs, Is.EqualTo(1000));
        Assert.That(options.Retries, Is.Zero);
        Assert.That(options.ConnectionsMaxIdleMs, Is.EqualTo(-1));
        Assert.DoesNotThrow(options.Validate);
        Assert.That(AdminClientOptions.FromProperties(options.ToProperties().ToDictionary()).ToProperties(), Is.EqualTo(options.ToProperties()));
    }

    [Test]
    public void Unknown_and_invalid_properties_are_named_in_the_error()
    {
        Assert.That(() => AdminClientOptions.FromProperties(new Dictionary<string, string> { ["group.id"] = "g" }),
            Throws.ArgumentException.With.Message.Contains("'group.id'"));
        Assert.That(() => AdminClientOptions.FromProperties(new Dictionary<string, string> { ["retries"] = "-1" }),
            Throws.ArgumentException.With.Message.Contains("'retries'").And.Message.Contains("'-1'"));
    }

    [Test]
    public void Bootstrap_servers_are_required() =>
        Assert.That(new AdminClientOptions().Validate, Throws.ArgumentException.With.Message.Contains("bootstrap.servers"));

    [Test]
    public void An_empty_client_id_becomes_adminclient_and_a_number() =>
        Assert.That(new AdminClientOptions().ResolveClientId(), Does.Match(@"^adminclient-\d+$"));
}
