using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Kafka.Client.Packaging.Tests;

/// <summary>A .nupkg or .snupkg read into memory: its entries and its nuspec.</summary>
internal sealed class PackedFile
{
    // Portable PDB custom debug information kinds (System.Reflection.Metadata documentation, "PortablePdb-Metadata.md").
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private readonly Dictionary<string, byte[]> _entries;

    private PackedFile(string path, Dictionary<string, byte[]> entries)
    {
        Path = path;
        _entries = entries;
        string nuspec = entries.Keys.Single(name => !name.Contains('/') && name.EndsWith(".nuspec", StringComparison.Ordinal));
        Nuspec = XDocument.Parse(Text(nuspec));
    }

    public string Path { get; }

    public XDocument Nuspec { get; }

    public IReadOnlyCollection<string> Entries => _entries.Keys;

    public static PackedFile Open(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using Stream stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            entries[entry.FullName] = copy.ToArray();
        }

        return new PackedFile(path, entries);
    }

    public bool Contains(string entry) => _entries.ContainsKey(entry);

    public string Text(string entry) => Encoding.UTF8.GetString(_entries[entry]).TrimStart('\uFEFF');

    /// <summary>The nuspec's metadata element named <paramref name="name"/>, whatever the nuspec's XML namespace.</summary>
    public XElement? Metadata(string name) =>
        Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata").Elements().SingleOrDefault(e => e.Name.LocalName == name);

    /// <summary>The Source Link map (path pattern to URL pattern) and the document paths of a portable PDB entry.</summary>
    public (IReadOnlyDictionary<string, string> SourceLink, IReadOnlyList<string> Documents) ReadPdb(string entry)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbImage(System.Collections.Immutable.ImmutableArray.Create(_entries[entry]));
        MetadataReader reader = provider.GetMetadataReader();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (CustomDebugInformationHandle handle in reader.CustomDebugInformation)
        {
            CustomDebugInformation info = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(info.Kind) == SourceLinkKind)
            {
                using JsonDocument json = JsonDocument.Parse(reader.GetBlobBytes(info.Value));
                foreach (JsonProperty document in json.RootElement.GetProperty("documents").EnumerateObject())
                {
                    map[document.Name] = document.Value.GetString()!;
                }
            }
        }

        var documents = new List<string>();
        foreach (DocumentHandle handle in reader.Documents)
        {
            documents.Add(reader.GetString(reader.GetDocument(handle).Name));
        }

        return (map, documents);
    }
}
