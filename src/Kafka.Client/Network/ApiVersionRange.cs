using Kafka.Client.Protocol;

namespace Kafka.Client.Network;

/// <summary>The versions of each API a broker speaks, from its ApiVersions answer.</summary>
internal sealed class ApiVersionRange
{
    private readonly short[] _min = new short[128];
    private readonly short[] _max = new short[128];

    public ApiVersionRange(IEnumerable<(short Api, short Min, short Max)> versions)
    {
        Array.Fill(_min, (short)-1);
        Array.Fill(_max, (short)-1);
        foreach (var (api, min, max) in versions)
        {
            if (api >= 0 && api < _min.Length)
            {
                _min[api] = min;
                _max[api] = max;
            }
        }
    }

    /// <summary>
    /// The highest version both this client (its row in <see cref="ClientApiVersions"/>) and the broker speak, or -1
    /// when there is none. An API the table does not name is negotiated within the codec's versions (ApiVersions
    /// before the table is consulted, and tests that send other APIs).
    /// </summary>
    public short Negotiate(ApiKey api)
    {
        int key = (int)api;
        if (key < 0 || key >= _max.Length || _max[key] < 0)
        {
            return -1;
        }

        var (ourMin, ourMax) = ClientRange(api);
        short version = Math.Min(ourMax, _max[key]);
        return version >= Math.Max(_min[key], ourMin) ? version : (short)-1;
    }

    /// <summary>The versions of <paramref name="api"/> this client speaks.</summary>
    public static (short Min, short Max) ClientRange(ApiKey api) =>
        ClientApiVersions.Find(api) is { } row ? (row.Min, row.Max) : (KafkaApis.LowestVersion(api), KafkaApis.HighestStableVersion(api));

    /// <summary>The broker's lowest version of <paramref name="api"/>, or -1.</summary>
    public short BrokerMin(ApiKey api) => (int)api is >= 0 and < 128 ? _min[(int)api] : (short)-1;

    /// <summary>The broker's highest version of <paramref name="api"/>, or -1.</summary>
    public short BrokerMax(ApiKey api) => (int)api is >= 0 and < 128 ? _max[(int)api] : (short)-1;
}
