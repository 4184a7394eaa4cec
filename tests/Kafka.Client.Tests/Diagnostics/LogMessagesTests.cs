using System.Reflection;
using System.Text.RegularExpressions;
using Kafka.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kafka.Client.Tests.Diagnostics;

/// <summary>The client's and the embedded broker's log messages: one place, unique event ids, and every id documented in the README.</summary>
public sealed class LogMessagesTests
{
    // The client's messages and the embedded broker's (internal to Kafka.Client.Testing, so found by name).
    private static readonly Type[] Files =
    [
        typeof(LogMessages),
        typeof(Kafka.Client.Testing.EmbeddedKafkaCluster).Assembly.GetType("Kafka.Client.Testing.Broker.LogMessages", throwOnError: true)!,
    ];

    [Test]
    public void Every_event_id_is_used_once_and_listed_in_the_readme()
    {
        LoggerMessageAttribute[] messages = Files
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .ToArray();
        Assert.That(messages, Has.Length.GreaterThan(25));
        Assert.That(messages.Select(m => m.EventId), Is.Unique);

        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        foreach (LoggerMessageAttribute message in messages)
        {
            Assert.That(Regex.IsMatch(readme, $@"^\| {message.EventId} \| {message.Level} \|", RegexOptions.Multiline), Is.True,
                $"README.md's logging table has no row for event {message.EventId} ({message.Level}): \"{message.Message}\"");
        }
    }

    [Test]
    public void No_other_type_of_the_client_or_the_broker_defines_a_log_message()
    {
        string[] elsewhere = Files.SelectMany(file => file.Assembly.GetTypes())
            .Where(t => Array.IndexOf(Files, t) < 0)
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<LoggerMessageAttribute>() is not null)
            .Select(m => $"{m.DeclaringType}.{m.Name}")
            .ToArray();
        Assert.That(elsewhere, Is.Empty, "log messages belong in the package's LogMessages.cs");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Client.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Client.sln not found above the test directory.");
    }
}
