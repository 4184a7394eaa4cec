using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kafka.Client.Packaging.Tests;

/// <summary>
/// `dotnet pack` of the five packages as a release would make them, what is inside each, and a new console
/// project that installs them from the packed files and produces to an embedded cluster.
/// </summary>
[NonParallelizable]
public sealed class PackageTests
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan AppTimeout = TimeSpan.FromMinutes(5);

    // Package id, the assembly it ships, and where its main assembly sits in the package.
    private static readonly (string Id, string Assembly, string Folder)[] Expected =
    [
        ("Kafka.Client", "Kafka.Client", "lib/net10.0"),
        ("Kafka.Client.Protocol", "Kafka.Client.Protocol", "lib/net10.0"),
        ("Kafka.Client.Testing", "Kafka.Client.Testing", "lib/net10.0"),
        ("Kafka.Client.Cli", "kafka", "tools/net10.0/any"),
        ("Kafka.Client.Extensions.Hosting", "Kafka.Client.Extensions.Hosting", "lib/net10.0"),
    ];

    private DirectoryInfo _work = null!;
    private string _feed = null!;
    private ToolResult _pack = null!;

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        _work = Directory.CreateTempSubdirectory("kafka-packages-");
        _feed = Path.Combine(_work.FullName, "feed");
        using var timeout = new CancellationTokenSource(PackTimeout);
        _pack = await Dotnet.RunAsync(
            ["pack", Path.Combine("src", "Packages.slnf"), "-c", "Release", "-o", _feed,
             "--artifacts-path", Repository.ArtifactsFor("pack"), "-m:1", "-nodeReuse:false",
             // As a release build: deterministic paths in the PDBs (/_/...).
             "-p:ContinuousIntegrationBuild=true"],
            Repository.Root, PackTimeout, timeout.Token);
        TestContext.Progress.WriteLine($"dotnet pack: exit code {_pack.ExitCode}");
    }

    [OneTimeTearDown]
    public void DeleteWork() => _work.Delete(recursive: true);

    [Test]
    public void Pack_succeeds_without_warnings()
    {
        Assert.That(_pack.ExitCode, Is.Zero, _pack.ToString());
        Assert.That(BuildDiagnostics.Warnings(_pack.AllOutput), Is.Empty, _pack.ToString());
    }

    [TestCaseSource(nameof(PackageIds))]
    public void Package_has_its_readme_license_and_xml_docs(string id)
    {
        (_, string assembly, string folder) = Expected.Single(p => p.Id == id);
        PackedFile package = PackedFile.Open(PackagePath(id, ".nupkg"));

        Assert.That(package.Metadata("readme")?.Value, Is.EqualTo("README.md"));
        Assert.That(package.Contains("README.md"), package.Path);
        Assert.That(package.Text("README.md"), Does.StartWith($"# {id}"), "the package's own README");

        XElement? license = package.Metadata("license");
        Assert.That(license?.Attribute("type")?.Value, Is.EqualTo("expression"));
        Assert.That(license?.Value, Is.EqualTo("Apache-2.0"));
        Assert.That(package.Contains("LICENSE"), "the license text travels with the package");
        Assert.That(package.Text("LICENSE"), Does.Contain("Apache License"));

        string docs = $"{folder}/{assembly}.xml";
        Assert.That(package.Contains(docs), $"{docs} in {string.Join(", ", package.Entries)}");
        Assert.That(package.Text(docs), Does.Contain("<member name=\"T:"));
    }

    [Test]
    public void The_tool_package_installs_the_kafka_command()
    {
        PackedFile tool = PackedFile.Open(PackagePath("Kafka.Client.Cli", ".nupkg"));
        XElement? types = tool.Metadata("packageTypes");
        Assert.That(types?.Elements().Select(e => e.Attribute("name")?.Value), Is.EqualTo(new[] { "DotnetTool" }));
        XDocument settings = XDocument.Parse(tool.Text("tools/net10.0/any/DotnetToolSettings.xml"));
        XElement command = settings.Descendants("Command").Single();
        Assert.That(command.Attribute("Name")?.Value, Is.EqualTo("kafka"));
        Assert.That(command.Attribute("EntryPoint")?.Value, Is.EqualTo("kafka.dll"));
    }

    [TestCaseSource(nameof(PackageIds))]
    public void Symbols_package_maps_deterministic_sources_to_the_commit(string id)
    {
        (_, string assembly, string folder) = Expected.Single(p => p.Id == id);
        PackedFile package = PackedFile.Open(PackagePath(id, ".nupkg"));
        XElement repository = package.Metadata("repository") ?? throw new AssertionException("no <repository> in the nuspec");
        string url = repository.Attribute("url")?.Value ?? "";
        string commit = repository.Attribute("commit")?.Value ?? "";
        Assert.That(url, Does.StartWith("https://github.com/"));
        Assert.That(commit, Does.Match("^[0-9a-f]{40}$"));

        string symbolsPath = PackagePath(id, ".snupkg");
        PackedFile symbols = PackedFile.Open(symbolsPath);
        (IReadOnlyDictionary<string, string> sourceLink, IReadOnlyList<string> documents) = symbols.ReadPdb($"{folder}/{assembly}.pdb");

        string raw = url.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal);
        Assert.That(sourceLink, Is.EqualTo(new Dictionary<string, string> { ["/_/*"] = $"{raw}/{commit}/*" }), "Source Link");
        Assert.That(documents, Is.Not.Empty);
        Assert.That(documents, Has.All.StartWith("/_/"), "paths in the PDB are mapped (deterministic)");
    }

    [Test]
    public async Task The_tool_installs_from_the_packed_feed_and_offers_its_commands()
    {
        using var timeout = new CancellationTokenSource(AppTimeout);
        string tools = Path.Combine(_work.FullName, "tools");
        ToolResult install = await Dotnet.RunAsync(
            ["tool", "install", "Kafka.Client.Cli", "--tool-path", tools, "--version", VersionOf("Kafka.Client.Cli")],
            _work.FullName, AppTimeout, timeout.Token, IsolatedPackages());
        Assert.That(install.ExitCode, Is.Zero, install.ToString());

        ToolResult help = await ToolProcess.RunAsync(Path.Combine(tools, "kafka"), ["--help"], timeout: AppTimeout, cancellationToken: timeout.Token);
        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Output, Does.Contain("broker").And.Contain("produce"));
    }

    [Test]
    public async Task A_new_console_project_installs_the_packages_and_produces_to_an_embedded_cluster()
    {
        using var timeout = new CancellationTokenSource(AppTimeout);
        string app = Path.Combine(_work.FullName, "app");
        Dictionary<string, string> environment = IsolatedPackages();
        await DotnetAsync(["new", "console", "-o", app, "--framework", "net10.0", "--no-restore"], _work.FullName);
        await DotnetAsync(["add", app, "package", "Kafka.Client", "--version", VersionOf("Kafka.Client")], _work.FullName);
        await DotnetAsync(["add", app, "package", "Kafka.Client.Testing", "--version", VersionOf("Kafka.Client.Testing")], _work.FullName);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ConsoleProgram, timeout.Token);

        ToolResult run = await DotnetAsync(["run", "--project", app], _work.FullName);
        Assert.That(run.Output.Split('\n').Where(line => line.StartsWith("offset ", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "offset 0", "offset 1", "offset 2" }), run.ToString());

        async Task<ToolResult> DotnetAsync(string[] arguments, string folder)
        {
            ToolResult result = await Dotnet.RunAsync(arguments, folder, AppTimeout, timeout.Token, environment);
            Assert.That(result.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)}: {result}");
            return result;
        }
    }

    private const string ConsoleProgram = """
        using Kafka.Client;
        using Kafka.Client.Testing;

        await using var cluster = await EmbeddedKafkaCluster.StartAsync();
        await using var producer = new KafkaProducer<string, string>(new ProducerOptions { BootstrapServers = cluster.BootstrapServers });
        for (int i = 0; i < 3; i++)
        {
            DeliveryResult<string, string> sent = await producer.ProduceAsync("packaged", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            Console.WriteLine($"offset {sent.Offset}");
        }

        """;

    private static IEnumerable<string> PackageIds() => Expected.Select(p => p.Id);

    /// <summary>
    /// A package folder of the test's own (an older build of the same version in the user's cache cannot stand in),
    /// restored through a nuget.config above the test's projects.
    /// </summary>
    private Dictionary<string, string> IsolatedPackages()
    {
        WriteNuGetConfig(Path.Combine(_work.FullName, "nuget.config"));
        return new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work.FullName, "packages") };
    }

    /// <summary>The packed feed first for our packages (source mapping), the repository's sources for the rest.</summary>
    private void WriteNuGetConfig(string path)
    {
        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "packed"), new XAttribute("value", _feed)));
        var mapping = new XElement("packageSourceMapping",
            new XElement("packageSource", new XAttribute("key", "packed"), new XElement("package", new XAttribute("pattern", "Kafka.Client*"))));
        foreach ((string key, string url) in Repository.PackageSources())
        {
            sources.Add(new XElement("add", new XAttribute("key", key), new XAttribute("value", url)));
            mapping.Add(new XElement("packageSource", new XAttribute("key", key), new XElement("package", new XAttribute("pattern", "*"))));
        }

        new XDocument(new XElement("configuration", sources, mapping)).Save(path);
    }

    private string PackagePath(string id, string extension)
    {
        string[] matches = [.. Directory.GetFiles(_feed, "*" + extension).Where(f => PackageVersion(id, extension).IsMatch(Path.GetFileName(f)))];
        Assert.That(matches, Has.Length.EqualTo(1), $"one {id} {extension} in {_feed}: {_pack}");
        return matches[0];
    }

    private string VersionOf(string id) =>
        PackageVersion(id, ".nupkg").Match(Path.GetFileName(PackagePath(id, ".nupkg"))).Groups["version"].Value;

    private static Regex PackageVersion(string id, string extension) =>
        new($"^{Regex.Escape(id)}\\.(?<version>\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?){Regex.Escape(extension)}$");
}
