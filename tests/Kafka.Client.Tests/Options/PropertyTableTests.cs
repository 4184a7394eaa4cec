using Kafka.Client.Options;

namespace Kafka.Client.Tests.Options;

/// <summary>The property tables themselves: documented, and every property prints and reads back.</summary>
public class PropertyTableTests
{
    [Test]
    public void Every_property_is_documented()
    {
        Assert.Multiple(() =>
        {
            AssertDocumented(ProducerOptions.KnownProperties);
            AssertDocumented(ConsumerOptions.KnownProperties);
            AssertDocumented(AdminClientOptions.KnownProperties);
        });
    }

    [Test]
    public void Every_client_shares_the_common_properties()
    {
        string[] common = ["bootstrap.servers", "client.id", "request.timeout.ms", "metadata.max.age.ms", "reconnect.backoff.ms",
            "reconnect.backoff.max.ms", "retry.backoff.ms", "retry.backoff.max.ms", "socket.connection.setup.timeout.ms",
            "socket.connection.setup.timeout.max.ms", "connections.max.idle.ms"];
        Assert.Multiple(() =>
        {
            Assert.That(ProducerOptions.KnownProperties.Select(p => p.Name), Is.SupersetOf(common));
            Assert.That(ConsumerOptions.KnownProperties.Select(p => p.Name), Is.SupersetOf(common));
            Assert.That(AdminClientOptions.KnownProperties.Select(p => p.Name), Is.SupersetOf(common));
        });
    }

    [Test]
    public void Each_printed_default_reads_back_alone()
    {
        foreach ((string name, string value) in new ProducerOptions().ToProperties())
        {
            Assert.DoesNotThrow(() => ProducerOptions.FromProperties(new Dictionary<string, string> { [name] = value }), name);
        }

        foreach ((string name, string value) in new ConsumerOptions().ToProperties())
        {
            Assert.DoesNotThrow(() => ConsumerOptions.FromProperties(new Dictionary<string, string> { [name] = value }), name);
        }
    }

    [Test]
    public void A_table_rejects_a_name_defined_twice()
    {
        OptionProperty<ProducerOptions> row = OptionProperties.Boolean<ProducerOptions>("x", "doc", static o => o.PartitionerIgnoreKeys, static (o, v) => o.PartitionerIgnoreKeys = v);
        Assert.That(() => new PropertyTable<ProducerOptions>([row, row]), Throws.InvalidOperationException.With.Message.Contains("'x'"));
    }

    private static void AssertDocumented<T>(IReadOnlyList<OptionProperty<T>> properties)
    {
        Assert.That(properties, Is.Not.Empty);
        foreach (OptionProperty<T> property in properties)
        {
            Assert.That(property.Documentation, Is.Not.Empty, property.Name);
        }
    }
}
