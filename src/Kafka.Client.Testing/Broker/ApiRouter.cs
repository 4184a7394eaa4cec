using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Broker;

/// <summary>The handlers the broker has, and the versions it advertises for them in ApiVersions.</summary>
internal sealed class ApiRouter
{
    private readonly Dictionary<ApiKey, IApiHandler> _handlers = [];

    public ApiRouter(IEnumerable<IApiHandler> handlers)
    {
        foreach (IApiHandler handler in handlers)
        {
            _handlers.Add(handler.Api, handler);
        }
    }

    public bool TryGet(ApiKey api, out IApiHandler handler) => _handlers.TryGetValue(api, out handler!);

    public short MinVersion(IApiHandler handler) => handler.MinVersion;

    public short MaxVersion(IApiHandler handler) => KafkaApis.HighestStableVersion(handler.Api);

    /// <summary>Exactly the APIs and versions this broker answers.</summary>
    public List<ApiVersionsResponse.ApiVersion> Advertised()
    {
        var list = new List<ApiVersionsResponse.ApiVersion>(_handlers.Count);
        foreach (IApiHandler handler in _handlers.Values.OrderBy(h => h.Api))
        {
            list.Add(new ApiVersionsResponse.ApiVersion
            {
                ApiKey = (short)handler.Api,
                MinVersion = MinVersion(handler),
                MaxVersion = MaxVersion(handler),
            });
        }

        return list;
    }
}
