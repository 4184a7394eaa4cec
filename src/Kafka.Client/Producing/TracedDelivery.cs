using System.Diagnostics;
using System.Globalization;

namespace Kafka.Client.Producing;

/// <summary>Ends a message's "send" span when the broker answers, then tells the real target.</summary>
internal sealed class TracedDelivery(IDeliveryTarget inner, Activity activity) : IDeliveryTarget
{
    public void Delivered(in RecordMetadata metadata)
    {
        activity.SetTag("messaging.destination.partition.id", metadata.Partition.ToString(CultureInfo.InvariantCulture));
        activity.SetTag("messaging.kafka.offset", metadata.Offset);
        activity.Stop();
        inner.Delivered(metadata);
    }

    public void Failed(KafkaException error)
    {
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag("error.type", error.Error.ToString());
        activity.Stop();
        inner.Failed(error);
    }
}
