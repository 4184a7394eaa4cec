using Kafka.Client.Admin;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client;

/// <summary>Describing and changing topic, broker and group configs.</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Describes the configs of topics, brokers and groups (DescribeConfigs; a broker's own configs are asked of that broker).</summary>
    /// <param name="resources">The topics, brokers and groups.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per resource, in order; <see cref="ErrorCode.UnknownTopicOrPartition"/> for a topic that does not exist.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resources"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<DescribeConfigsResult>> DescribeConfigsAsync(IEnumerable<ConfigResource> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ThrowIfDisposed();
        var batch = new AdminBatch<ConfigResource, DescribeConfigsResult>(resources, "config resource", (r, e) => new DescribeConfigsResult(r, new Dictionary<string, ConfigEntry>(), e));
        return await _calls.RunAsync(batch, (pending, token) => _nodes.SendAsync(batch, pending, r => Task.FromResult<int?>(ConfigResources.NodeFor(r)), async (connection, keys, t) =>
        {
            var (response, version) = await AdminNodes.SendAsync(connection, ApiKey.DescribeConfigs, _ => new DescribeConfigsRequest
            {
                Resources = [.. keys.Select(k => new DescribeConfigsRequest.DescribeConfigsResource { ResourceType = (sbyte)k.Type, ResourceName = k.Name, ConfigurationKeys = null })],
            }, t).ConfigureAwait(false);
            foreach (DescribeConfigsResponse.DescribeConfigsResult result in response.Results)
            {
                ConfigResource resource = ConfigResources.Of(result.ResourceType, result.ResourceName);
                if (!batch.RecordError(resource, (ErrorCode)result.ErrorCode, result.ErrorMessage, RetryOn.Nothing))
                {
                    batch.Succeed(resource, new DescribeConfigsResult(resource, result.Configs.ToDictionary(c => c.Name, c => ConfigResources.Entry(c, version), StringComparer.Ordinal), null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes configs of topics, brokers and groups, each setting on its own (IncrementalAlterConfigs).</summary>
    /// <param name="changes">The changes, by resource; a resource's changes apply all or none.</param>
    /// <param name="validateOnly">True to only check the changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per resource; <see cref="ErrorCode.InvalidConfig"/> for an unknown name or a bad value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <example>
    /// <code>
    /// await admin.IncrementalAlterConfigsAsync(new Dictionary&lt;ConfigResource, IReadOnlyList&lt;AlterConfigOp&gt;&gt;
    /// {
    ///     [ConfigResource.Topic("orders")] = [AlterConfigOp.Set("retention.ms", "3600000"), AlterConfigOp.Delete("cleanup.policy")],
    /// });
    /// </code>
    /// </example>
    public async Task<IReadOnlyList<AlterConfigsResult>> IncrementalAlterConfigsAsync(
        IReadOnlyDictionary<ConfigResource, IReadOnlyList<AlterConfigOp>> changes,
        bool validateOnly = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ThrowIfDisposed();
        var batch = new AdminBatch<ConfigResource, AlterConfigsResult>(changes.Keys, "config resource", (r, e) => new AlterConfigsResult(r, e));
        return await _calls.RunAsync(batch, (pending, token) => _nodes.SendAsync(batch, pending, r => Task.FromResult<int?>(ConfigResources.NodeFor(r)), async (connection, keys, t) =>
        {
            var request = new IncrementalAlterConfigsRequest
            {
                ValidateOnly = validateOnly,
                Resources = [.. keys.Select(k => new IncrementalAlterConfigsRequest.AlterConfigsResource
                {
                    ResourceType = (sbyte)k.Type,
                    ResourceName = k.Name,
                    Configs = [.. changes[k].Select(op => new IncrementalAlterConfigsRequest.AlterableConfig { Name = op.Name, ConfigOperation = (sbyte)op.OpType, Value = op.Value })],
                })],
            };
            var response = await connection.SendAsync(request, t).ConfigureAwait(false);
            foreach (IncrementalAlterConfigsResponse.AlterConfigsResourceResponse result in response.Responses)
            {
                ConfigResource resource = ConfigResources.Of(result.ResourceType, result.ResourceName);
                if (!batch.RecordError(resource, (ErrorCode)result.ErrorCode, result.ErrorMessage, RetryOn.Nothing))
                {
                    batch.Succeed(resource, new AlterConfigsResult(resource, null));
                }
            }
        }, token), cancellationToken).ConfigureAwait(false);
    }
}
