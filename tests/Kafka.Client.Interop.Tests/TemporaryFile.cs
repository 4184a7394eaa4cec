namespace Interop.Tests;

/// <summary>A file in the temp folder, deleted at the end of the test.</summary>
internal sealed class TemporaryFile : IDisposable
{
    public string Path { get; } = System.IO.Path.GetTempFileName();

    public void Dispose() => File.Delete(Path);
}
