using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Broker;

/// <summary>The handlers the broker has, and the versions it advertises for them in ApiVersions.</summary>
internal sealed class ApiRouter
{
    private readonly Dictionary<ApiKey, IApiHandler> _handlers = [];
    private readonly Dictionary<ApiKey, short> _caps;

    /// <param name="handlers">Every API the broker can serve.</param>
    /// <param name="caps">Highest versions to serve per API (older-broker simulation); an API capped below its lowest version is not served.</param>
    public ApiRouter(IEnumerable<IApiHandler> handlers, IDictionary<ApiKey, short>? caps = null)
    {
        _caps = caps is null ? [] : new Dictionary<ApiKey, short>(caps);
        foreach (IApiHandler handler in handlers)
        {
            if (!_caps.TryGetValue(handler.Api, out short cap) || cap >= handler.MinVersion)
            {
                _handlers.Add(handler.Api, handler);
            }
        }
    }

    public bool TryGet(ApiKey api, out IApiHandler handler) => _handlers.TryGetValue(api, out handler!);

    public short MinVersion(IApiHandler handler) => handler.MinVersion;

    public short MaxVersion(IApiHandler handler)
    {
        short highest = KafkaApis.HighestStableVersion(handler.Api);
        return _caps.TryGetValue(handler.Api, out short cap) && cap < highest ? cap : highest;
    }

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
