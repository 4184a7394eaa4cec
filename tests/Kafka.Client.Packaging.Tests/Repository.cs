using System.Xml.Linq;

namespace Kafka.Client.Packaging.Tests;

/// <summary>The checkout these tests were built from.</summary>
internal static class Repository
{
    /// <summary>The folder holding Client.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// Where the tests' builds put their bin/ and obj/ (<c>--artifacts-path</c>): inside the checkout, so paths in
    /// the PDBs map as in a release build, but apart from a developer's own build output. Ignored by git.
    /// </summary>
    public static string ArtifactsFor(string purpose) => Path.Combine(Root, "artifacts", "tests", purpose);

    /// <summary>The package sources of the repository's nuget.config, as (key, url).</summary>
    public static IReadOnlyList<(string Key, string Url)> PackageSources()
    {
        XDocument config = XDocument.Load(Path.Combine(Root, "nuget.config"));
        return [.. config.Descendants("packageSources").Elements("add")
            .Select(add => ((string)add.Attribute("key")!, (string)add.Attribute("value")!))];
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Client.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Client.sln above {AppContext.BaseDirectory}: these tests run from a build inside the checkout.");
    }
}
