using Kafka.Client.Protocol;

namespace Kafka.Client.Producing;

/// <summary>Who is told when a message is acknowledged or fails: an awaiting caller or a report callback.</summary>
internal interface IDeliveryTarget
{
    void Delivered(in RecordMetadata metadata);

    void Failed(KafkaException error);
}
