namespace Interop.Tests;

/// <summary>The built `kafka` dotnet tool (src/Kafka.Client.Cli), run as its own process.</summary>
internal static class KafkaTool
{
    /// <summary>The tool's entry assembly, copied beside the tests by the project reference.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "kafka.dll");

    /// <summary>Runs <c>kafka ARGUMENTS</c> with <paramref name="input"/> on its stdin.</summary>
    public static Task<ToolResult> RunAsync(string input, params string[] arguments) =>
        ToolProcess.RunAsync("dotnet", [Dll, .. arguments], input);
}
