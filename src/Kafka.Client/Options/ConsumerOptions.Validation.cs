using System.Globalization;

namespace Kafka.Client;

public sealed partial class ConsumerOptions
{
    // Kafka's limit on names such as topics and group instance ids (common/internals/Topic.java).
    private const int MaxGroupInstanceIdLength = 249;

    private static int s_clientIdSequence;

    /// <summary>
    /// Whether offsets are committed in the background: <see cref="EnableAutoCommit"/>, but off without a
    /// <see cref="GroupId"/> unless set explicitly (Java's <c>ConsumerConfig.maybeOverrideEnableAutoCommit</c>).
    /// </summary>
    internal bool AutoCommitEnabled => GroupId is null ? EnableAutoCommitSetExplicitly && EnableAutoCommit : EnableAutoCommit;

    /// <inheritdoc />
    /// <remarks>
    /// Besides each value's range: <c>bootstrap.servers</c> lists at least one <c>host:port</c>;
    /// <c>group.instance.id</c> is a legal name; <c>enable.auto.commit</c> set explicitly to true needs a
    /// <c>group.id</c>; <c>heartbeat.interval.ms</c> is lower than <c>session.timeout.ms</c> in a group; the
    /// assignment strategies are not empty and not repeated.
    /// </remarks>
    public override void Validate()
    {
        Table.Check(this);
        ValidateBootstrapServers();
        ValidateSecurity();
        if (GroupInstanceId is { } instanceId && GroupInstanceIdError(instanceId) is { } error)
        {
            throw new ArgumentException($"Invalid value '{instanceId}' for Kafka property 'group.instance.id': {error}");
        }

        if (GroupId is not null && HeartbeatIntervalMs >= SessionTimeoutMs)
        {
            // Java's consumer Heartbeat: "Heartbeat must be set lower than the session timeout".
            throw new ArgumentException($"heartbeat.interval.ms ({HeartbeatIntervalMs}) must be lower than session.timeout.ms ({SessionTimeoutMs}), typically a third of it.");
        }

        if (GroupId is null && EnableAutoCommitSetExplicitly && EnableAutoCommit)
        {
            throw new ArgumentException("enable.auto.commit cannot be set to true when default group id (null) is used: set group.id, or enable.auto.commit=false.");
        }
    }

    /// <inheritdoc />
    /// <remarks>As Java's <c>ConsumerConfig.maybeOverrideClientId</c>: <c>consumer-{group.id}-{group.instance.id or N}</c>, "null" for no group.</remarks>
    internal override string ResolveClientId() =>
        ClientId.Length > 0
            ? ClientId
            : $"consumer-{GroupId ?? "null"}-{GroupInstanceId ?? Interlocked.Increment(ref s_clientIdSequence).ToString(CultureInfo.InvariantCulture)}";

    // JoinGroupRequest.validateGroupInstanceId applies Kafka's topic name rules (common/internals/Topic.java).
    private static string? GroupInstanceIdError(string id)
    {
        if (id.Length == 0)
        {
            return "must not be empty.";
        }

        if (id is "." or "..")
        {
            return "cannot be \".\" or \"..\".";
        }

        if (id.Length > MaxGroupInstanceIdLength)
        {
            return $"is longer than {MaxGroupInstanceIdLength} characters.";
        }

        foreach (char c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return "may only contain ASCII letters, digits, '.', '_' and '-'.";
            }
        }

        return null;
    }
}
