namespace Kafka.Client.Cli;

/// <summary>The command line asks for something impossible: reported as one line with exit code 2.</summary>
internal sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Runs <paramref name="create"/>; an <see cref="ArgumentException"/> (a bad property) becomes a usage error.</summary>
    public static T Wrap<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(ToolErrors.MessageOf(e), e);
        }
    }
}
