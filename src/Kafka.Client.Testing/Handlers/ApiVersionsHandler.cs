using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;

namespace Kafka.Client.Testing.Handlers;

/// <summary>ApiVersions (18): exactly the APIs and versions this broker answers.</summary>
internal sealed class ApiVersionsHandler : ApiHandler<ApiVersionsRequest, ApiVersionsResponse>
{
    public override ApiKey Api => ApiKey.ApiVersions;

    public override ValueTask<ApiVersionsResponse?> HandleAsync(RequestContext context, ApiVersionsRequest request, CancellationToken cancellationToken)
    {
        var response = new ApiVersionsResponse
        {
            ErrorCode = context.Error(ErrorCode.None),
            ApiKeys = context.Broker.Router.Advertised(),
        };
        return ValueTask.FromResult<ApiVersionsResponse?>(response);
    }

    /// <summary>The v0 answer to an ApiVersions version the broker does not know (KIP-511).</summary>
    public static ApiVersionsResponse Unsupported(ApiRouter router) => new()
    {
        ErrorCode = (short)ErrorCode.UnsupportedVersion,
        ApiKeys = router.Advertised(),
    };
}
