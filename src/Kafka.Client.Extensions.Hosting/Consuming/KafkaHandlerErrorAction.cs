namespace Kafka.Client;

/// <summary>What a hosted consumer does with a record its handler still failed on after the retries.</summary>
public enum KafkaHandlerErrorAction
{
    /// <summary>Commits what succeeded before it and stops the consumer with the handler's exception (by default the host then stops).</summary>
    Stop,

    /// <summary>Logs the error and goes on with the next record; the failed record's offset is committed.</summary>
    Skip,

    /// <summary>Produces the record to the dead-letter topic, with the error in its headers, then goes on.</summary>
    DeadLetter,
}
