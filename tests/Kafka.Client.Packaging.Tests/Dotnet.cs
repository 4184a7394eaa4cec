using Kafka.Client.TestProcesses;

namespace Kafka.Client.Packaging.Tests;

/// <summary>The <c>dotnet</c> command run from a test, as a developer runs it in a shell.</summary>
internal static class Dotnet
{
    /// <summary>Runs <c>dotnet ARGUMENTS</c> in <paramref name="workingDirectory"/> within <paramref name="timeout"/>.</summary>
    public static Task<ToolResult> RunAsync(
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };

        // A nested build must not inherit the MSBuild of the `dotnet test` that runs this test.
        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)))
        {
            variables[name] = null;
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return ToolProcess.RunAsync("dotnet", arguments, workingDirectory: workingDirectory, timeout: timeout, environment: variables, cancellationToken: cancellationToken);
    }
}
