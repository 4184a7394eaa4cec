using Kafka.Client.Testing.Groups;

namespace Kafka.Client.Testing.Tests.Groups;

/// <summary>The committed-offsets file: appended per commit, compacted when mostly dead, tolerant of a torn tail.</summary>
public class OffsetLogTests
{
    private string _directory = null!;

    private string LogFile => Path.Combine(_directory, "__consumer_offsets", "offsets.log");

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), "kafka-offsets-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Repeated_commits_are_compacted_and_the_last_one_is_loaded()
    {
        using (var store = new OffsetStore(_directory))
        {
            for (int i = 1; i <= 3000; i++)
            {
                store.Commit("g", "orders", i % 2, new CommittedOffset(i, 1, "m", 1_000 + i));
            }
        }

        Assert.That(File.ReadAllLines(LogFile), Has.Length.LessThanOrEqualTo(1100), "dead records were compacted away");
        using var reloaded = new OffsetStore(_directory);
        Assert.That(reloaded.Get("g", "orders", 0), Is.EqualTo(new CommittedOffset(3000, 1, "m", 4_000)));
        Assert.That(reloaded.Get("g", "orders", 1), Is.EqualTo(new CommittedOffset(2999, 1, "m", 3_999)));
        Assert.That(File.ReadAllLines(LogFile), Has.Length.EqualTo(2), "opening rewrites only the live offsets");
    }

    [Test]
    public void Deletes_are_replayed_and_a_torn_last_record_is_ignored()
    {
        using (var store = new OffsetStore(_directory))
        {
            store.Commit("g", "orders", 0, new CommittedOffset(5, -1, null, 1));
            store.Commit("g", "orders", 1, new CommittedOffset(6, -1, "", 1));
            store.Commit("h", "orders", 0, new CommittedOffset(7, -1, "", 1));
            store.Delete("g", "orders", 1);
            store.DeleteGroup("h");
        }

        File.AppendAllText(LogFile, "{\"op\":\"commit\",\"group\":\"g\",\"top");
        using var reloaded = new OffsetStore(_directory);
        Assert.That(reloaded.Get("g", "orders", 0), Is.EqualTo(new CommittedOffset(5, -1, null, 1)));
        Assert.That(reloaded.Get("g", "orders", 1), Is.Null);
        Assert.That(reloaded.Groups(), Is.EqualTo(new[] { "g" }));
    }
}
