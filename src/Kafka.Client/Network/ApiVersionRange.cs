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

    /// <summary>The highest version both this client and the broker speak, or -1 when there is none.</summary>
    public short Negotiate(ApiKey api)
    {
        int key = (int)api;
        if (key < 0 || key >= _max.Length || _max[key] < 0)
        {
            return -1;
        }

        short ours = KafkaApis.HighestStableVersion(api);
        short version = Math.Min(ours, _max[key]);
        return version >= Math.Max(_min[key], KafkaApis.LowestVersion(api)) ? version : (short)-1;
    }

    /// <summary>The broker's highest version of <paramref name="api"/>, or -1.</summary>
    public short BrokerMax(ApiKey api) => (int)api is >= 0 and < 128 ? _max[(int)api] : (short)-1;
}
