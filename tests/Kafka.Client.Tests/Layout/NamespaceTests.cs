using System.Runtime.CompilerServices;

namespace Kafka.Client.Tests.Layout;

/// <summary>The public namespace <c>Kafka.Client</c> holds the public API only; internal types sit in the namespaces of their folders.</summary>
public sealed class NamespaceTests
{
    [Test]
    public void The_root_namespace_holds_no_internal_type()
    {
        string[] internalInRoot = typeof(KafkaProducer<,>).Assembly.GetTypes()
            .Where(t => !t.IsNested && !t.IsPublic && t.Namespace == "Kafka.Client")
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.That(internalInRoot, Is.Empty, "move these into the namespace of their folder (Kafka.Client.Consuming.Assignment, ...)");
    }
}
