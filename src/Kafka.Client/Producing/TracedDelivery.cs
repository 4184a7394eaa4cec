using System.Diagnostics;
using System.Globalization;

namespace Kafka.Client.Producing;

/// <summary>
/// Ends a message's "send" span when the broker answers, then tells the real target (only allocated while
/// something listens to the <c>Kafka.Client</c> activity source).
/// </summary>
internal sealed class TracedDelivery(IDeliveryTarget inner, object? innerState, Activity activity) : IDeliveryTarget
{
    public void Delivered(object? message, object? state, in RecordMetadata metadata)
    {
        activity.SetTag("messaging.destination.partition.id", metadata.TopicPartition.Partition.ToString(CultureInfo.InvariantCulture));
        activity.SetTag("messaging.kafka.offset", metadata.Offset);
        activity.Stop();
        inner.Delivered(message, innerState, metadata);
    }

    public void Failed(object? message, object? state, string topic, KafkaException error)
    {
        Stop(error);
        inner.Failed(message, innerState, topic, error);
    }

    public void Rejected(object? message, object? state, string topic, Exception error)
    {
        Stop(error);
        inner.Rejected(message, innerState, topic, error);
    }

    private void Stop(Exception error)
    {
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag("error.type", error is KafkaException kafka ? kafka.Error.ToString() : error.GetType().Name);
        activity.Stop();
    }
}
