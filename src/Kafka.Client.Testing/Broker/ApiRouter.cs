using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Testing.Broker;

/// <summary>
/// The handlers the broker has, and the versions it advertises for them in ApiVersions: each handler's row of
/// <see cref="BrokerApiVersions"/>, lowered by the caps of an older-broker simulation.
/// </summary>
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
            if (BrokerApiVersions.Find(handler.Api) is null)
            {
                throw new InvalidOperationException($"The handler of {handler.Api} has no row in BrokerApiVersions: add the versions it serves there.");
            }

            if (!_caps.TryGetValue(handler.Api, out short cap) || cap >= MinVersion(handler))
            {
                _handlers.Add(handler.Api, handler);
            }
        }
    }

    public bool TryGet(ApiKey api, out IApiHandler handler) => _handlers.TryGetValue(api, out handler!);

    /// <summary>The oldest version served: the table's.</summary>
    public short MinVersion(IApiHandler handler) => BrokerApiVersions.Find(handler.Api)!.Min;

    /// <summary>The newest version served: the table's, or the cap of an older-broker simulation when lower.</summary>
    public short MaxVersion(IApiHandler handler)
    {
        short highest = BrokerApiVersions.Find(handler.Api)!.Max;
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
