using Kafka.Client.Protocol;

namespace Kafka.Client.Testing.Broker;

/// <summary>
/// A handler of one API with its typed request and response pair: the router's decoded request is cast here, once
/// (the router decodes the request of the handler's own API, so the cast cannot fail), and handlers see their types.
/// </summary>
/// <typeparam name="TRequest">The request of the API.</typeparam>
/// <typeparam name="TResponse">The response the request names.</typeparam>
internal abstract class ApiHandler<TRequest, TResponse> : IApiHandler
    where TRequest : IKafkaRequest<TResponse>
    where TResponse : class, IKafkaResponse
{
    /// <inheritdoc/>
    public abstract ApiKey Api { get; }

    /// <summary>Handles a request; returns null when no response is sent (Produce with acks=0).</summary>
    public abstract ValueTask<TResponse?> HandleAsync(RequestContext context, TRequest request, CancellationToken cancellationToken);

    ValueTask<IKafkaResponse?> IApiHandler.HandleAsync(RequestContext context, IKafkaRequest request, CancellationToken cancellationToken)
    {
        ValueTask<TResponse?> handled = HandleAsync(context, (TRequest)request, cancellationToken);
        return handled.IsCompletedSuccessfully ? new ValueTask<IKafkaResponse?>(handled.Result) : AwaitAsync(handled);
    }

    private static async ValueTask<IKafkaResponse?> AwaitAsync(ValueTask<TResponse?> handled) => await handled.ConfigureAwait(false);
}
