namespace Kafka.Client;

/// <summary>Whether a message reached the log, as Confluent.Kafka reports it.</summary>
public enum PersistenceStatus
{
    /// <summary>The message was not written.</summary>
    NotPersisted = 0,

    /// <summary>The message may or may not have been written (for example the connection broke after sending).</summary>
    PossiblyPersisted = 1,

    /// <summary>The message was acknowledged by the broker.</summary>
    Persisted = 2,
}
