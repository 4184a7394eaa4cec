using Kafka.Client.Admin;
using Kafka.Client.Network;
using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client;

/// <summary>Creating, describing and deleting ACLs (CreateAcls, DescribeAcls, DeleteAcls, sent to any broker).</summary>
public sealed partial class KafkaAdminClient
{
    /// <summary>Creates ACLs (CreateAcls). Creating an ACL that exists succeeds and changes nothing.</summary>
    /// <param name="acls">The ACLs: concrete resource types, pattern types (Literal or Prefixed), operations and permissions.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One result per ACL, in order; <see cref="ErrorCode.ClusterAuthorizationFailed"/> without ALTER on the cluster,
    /// <see cref="ErrorCode.SecurityDisabled"/> when the brokers have no authorizer.
    /// </returns>
    /// <exception cref="ArgumentException">An ACL has an Any, Match or Unknown value.</exception>
    /// <exception cref="KafkaException">No broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<CreateAclResult>> CreateAclsAsync(IEnumerable<AclBinding> acls, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(acls);
        List<AclBinding> bindings = [.. acls];
        bindings.ForEach(Validate);
        var request = new CreateAclsRequest
        {
            Creations = [.. bindings.Select(b => new CreateAclsRequest.AclCreation
            {
                ResourceType = (sbyte)b.Pattern.Type,
                ResourceName = b.Pattern.Name,
                ResourcePatternType = (sbyte)b.Pattern.PatternType,
                Principal = b.Entry.Principal,
                Host = b.Entry.Host,
                Operation = (sbyte)b.Entry.Operation,
                PermissionType = (sbyte)b.Entry.Permission,
            })],
        };
        CreateAclsResponse response = await SendToAnyBrokerAsync("CreateAcls", request, cancellationToken).ConfigureAwait(false);
        return [.. bindings.Select((binding, i) =>
        {
            CreateAclsResponse.AclCreationResult? result = i < response.Results.Count ? response.Results[i] : null;
            return new CreateAclResult(binding, result is null
                ? new KafkaException(ErrorCode.UnknownServerError, $"CreateAcls: the broker did not answer for {binding}.")
                : ResponseError("CreateAcls", binding.ToString(), result.ErrorCode, result.ErrorMessage));
        })];
    }

    /// <summary>Lists the ACLs that pass <paramref name="filter"/> (DescribeAcls).</summary>
    /// <param name="filter">Which ACLs; <see cref="AclBindingFilter.Any"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ACLs.</returns>
    /// <exception cref="KafkaException">
    /// The broker refused (<see cref="ErrorCode.ClusterAuthorizationFailed"/> without DESCRIBE on the cluster,
    /// <see cref="ErrorCode.SecurityDisabled"/>), or no broker answered in time.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<AclBinding>> DescribeAclsAsync(AclBindingFilter filter, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(filter);
        var request = new DescribeAclsRequest
        {
            ResourceTypeFilter = (sbyte)filter.PatternFilter.Type,
            ResourceNameFilter = filter.PatternFilter.Name,
            PatternTypeFilter = (sbyte)filter.PatternFilter.PatternType,
            PrincipalFilter = filter.EntryFilter.Principal,
            HostFilter = filter.EntryFilter.Host,
            Operation = (sbyte)filter.EntryFilter.Operation,
            PermissionType = (sbyte)filter.EntryFilter.Permission,
        };
        DescribeAclsResponse response = await SendToAnyBrokerAsync("DescribeAcls", request, cancellationToken).ConfigureAwait(false);
        if (ResponseError("DescribeAcls", filter.ToString(), response.ErrorCode, response.ErrorMessage) is { } error)
        {
            throw error;
        }

        return [.. response.Resources.SelectMany(r => r.Acls.Select(a => Binding(r.ResourceType, r.ResourceName, r.PatternType, a.Principal, a.Host, a.Operation, a.PermissionType)))];
    }

    /// <summary>Deletes the ACLs that pass each filter (DeleteAcls).</summary>
    /// <param name="filters">The filters; <see cref="AclBindingFilter.For"/> selects one ACL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per filter, in order, with the ACLs it deleted.</returns>
    /// <exception cref="KafkaException">No broker answered within <see cref="AdminClientOptions.DefaultApiTimeoutMs"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<DeleteAclsResult>> DeleteAclsAsync(IEnumerable<AclBindingFilter> filters, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(filters);
        List<AclBindingFilter> wanted = [.. filters];
        var request = new DeleteAclsRequest
        {
            Filters = [.. wanted.Select(f => new DeleteAclsRequest.DeleteAclsFilter
            {
                ResourceTypeFilter = (sbyte)f.PatternFilter.Type,
                ResourceNameFilter = f.PatternFilter.Name,
                PatternTypeFilter = (sbyte)f.PatternFilter.PatternType,
                PrincipalFilter = f.EntryFilter.Principal,
                HostFilter = f.EntryFilter.Host,
                Operation = (sbyte)f.EntryFilter.Operation,
                PermissionType = (sbyte)f.EntryFilter.Permission,
            })],
        };
        DeleteAclsResponse response = await SendToAnyBrokerAsync("DeleteAcls", request, cancellationToken).ConfigureAwait(false);
        return [.. wanted.Select((filter, i) =>
        {
            if (i >= response.FilterResults.Count)
            {
                return new DeleteAclsResult(filter, [], new KafkaException(ErrorCode.UnknownServerError, $"DeleteAcls: the broker did not answer for {filter}."));
            }

            DeleteAclsResponse.DeleteAclsFilterResult result = response.FilterResults[i];
            List<AclBinding> deleted = [.. result.MatchingAcls.Where(m => m.ErrorCode == 0)
                .Select(m => Binding(m.ResourceType, m.ResourceName, m.PatternType, m.Principal, m.Host, m.Operation, m.PermissionType))];
            return new DeleteAclsResult(filter, deleted, ResponseError("DeleteAcls", filter.ToString(), result.ErrorCode, result.ErrorMessage));
        })];
    }

    private async Task<TResponse> SendToAnyBrokerAsync<TResponse>(string what, IKafkaRequest<TResponse> request, CancellationToken cancellationToken)
        where TResponse : IKafkaResponse =>
        await _calls.CallAsync(what, async token =>
        {
            KafkaConnection connection = await _nodes.ConnectAsync(AdminNodes.AnyBroker, token).ConfigureAwait(false);
            return await connection.SendAsync(request, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>An ACL from the wire fields the ACL responses share.</summary>
    private static AclBinding Binding(sbyte type, string name, sbyte pattern, string principal, string host, sbyte operation, sbyte permission) =>
        new(new ResourcePattern((ResourceType)type, name, (ResourcePatternType)pattern),
            new AccessControlEntry(principal, host, (AclOperation)operation, (AclPermissionType)permission));

    private static KafkaException? ResponseError(string call, string item, short code, string? message)
    {
        var error = (ErrorCode)code;
        return error == ErrorCode.None ? null : new KafkaException(error, $"{call} for {item} failed: {error}: {message ?? error.Describe()}");
    }

    private static void Validate(AclBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (binding.Pattern.Type is ResourceType.Any or ResourceType.Unknown
            || binding.Pattern.PatternType is not (ResourcePatternType.Literal or ResourcePatternType.Prefixed)
            || binding.Entry.Operation is AclOperation.Any or AclOperation.Unknown
            || binding.Entry.Permission is not (AclPermissionType.Allow or AclPermissionType.Deny)
            || string.IsNullOrEmpty(binding.Pattern.Name) || string.IsNullOrEmpty(binding.Entry.Principal) || string.IsNullOrEmpty(binding.Entry.Host))
        {
            throw new ArgumentException($"The ACL {binding} must have a concrete resource type, a Literal or Prefixed pattern, a name, a principal, a host, an operation and Allow or Deny.", nameof(binding));
        }
    }
}
