using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Broker;

/// <summary>Answers the requests of one API (one implementation per file under Handlers/).</summary>
internal interface IApiHandler
{
    /// <summary>The API handled.</summary>
    ApiKey Api { get; }

    /// <summary>Handles a request; returns null when no response is sent (Produce with acks=0).</summary>
    ValueTask<IKafkaResponse?> HandleAsync(RequestContext context, IKafkaRequest request, CancellationToken cancellationToken);
}
