namespace Kafka.Client.Protocol;

/// <summary>Which header version goes with each request and response (rules from Kafka's ApiMessageTypeGenerator).</summary>
public static partial class KafkaApis
{
    /// <summary>
    /// The request header version for a request: 2 when the request version is flexible, else 1;
    /// ControlledShutdown v0 uses header v0 (no client id).
    /// </summary>
    public static short RequestHeaderVersion(ApiKey api, short version)
    {
        if (api == ApiKey.ControlledShutdown && version == 0)
        {
            return 0;
        }

        short firstFlexible = FirstFlexibleRequestVersion(api);
        return firstFlexible >= 0 && version >= firstFlexible ? (short)2 : (short)1;
    }

    /// <summary>
    /// The response header version for a response: 1 (with tagged fields) when flexible, else 0.
    /// ApiVersions responses always use header v0 (KIP-511), so a client can read them before it knows the broker's versions.
    /// </summary>
    public static short ResponseHeaderVersion(ApiKey api, short version)
    {
        if (api == ApiKey.ApiVersions)
        {
            return 0;
        }

        short firstFlexible = FirstFlexibleResponseVersion(api);
        return firstFlexible >= 0 && version >= firstFlexible ? (short)1 : (short)0;
    }

    /// <summary>True when <paramref name="version"/> of <paramref name="api"/> is one the codec knows.</summary>
    public static bool IsSupported(ApiKey api, short version) =>
        IsKnown(api) && version >= LowestVersion(api) && version <= HighestVersion(api);
}
