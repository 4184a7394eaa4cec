namespace Kafka.Client;

/// <summary>The type of a key or value that is always null.</summary>
public sealed class Null
{
    private Null()
    {
    }
}

/// <summary>The type of a key or value the consumer does not deserialize.</summary>
public sealed class Ignore
{
    private Ignore()
    {
    }
}
