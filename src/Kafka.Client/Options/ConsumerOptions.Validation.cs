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
    /// <c>group.id</c>; <c>heartbeat.interval.ms</c> is lower than <c>session.timeout.ms</c> in a classic group; the
    /// assignment strategies are not empty and not repeated; under <c>group.protocol=consumer</c> the classic-only
    /// options (<c>partition.assignment.strategy</c>, <c>heartbeat.interval.ms</c>, <c>session.timeout.ms</c>) are
    /// not set, and under <c>classic</c> <c>group.remote.assignor</c> is not.
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

        ValidateGroupProtocol();
        if (GroupProtocol == GroupProtocol.Classic && GroupId is not null && HeartbeatIntervalMs >= SessionTimeoutMs)
        {
            // Java's consumer Heartbeat: "Heartbeat must be set lower than the session timeout".
            throw new ArgumentException($"heartbeat.interval.ms ({HeartbeatIntervalMs}) must be lower than session.timeout.ms ({SessionTimeoutMs}), typically a third of it.");
        }

        if (GroupId is null && EnableAutoCommitSetExplicitly && EnableAutoCommit)
        {
            throw new ArgumentException("enable.auto.commit cannot be set to true when default group id (null) is used: set group.id, or enable.auto.commit=false.");
        }
    }

    // Java's ConsumerConfig.checkUnsupportedConfigsPostProcess: the options of the other protocol may not be given
    // ("partition.assignment.strategy, heartbeat.interval.ms cannot be set when group.protocol=CONSUMER").
    private void ValidateGroupProtocol()
    {
        if (GroupProtocol == GroupProtocol.Consumer)
        {
            List<string> classicOnly = [.. ClassicOnlyOptionsSet()];
            if (classicOnly.Count > 0)
            {
                throw new ArgumentException(
                    $"{string.Join(", ", classicOnly)} cannot be set when group.protocol=consumer: {(classicOnly.Count == 1 ? "it is a classic protocol option" : "they are classic protocol options")}, not supported by the consumer protocol (KIP-848). "
                    + "The broker assigns partitions (choose its assignor with group.remote.assignor) and sets the heartbeat interval and session timeout (broker configs group.consumer.heartbeat.interval.ms and group.consumer.session.timeout.ms, or the group's consumer.* configs).");
            }
        }
        else if (GroupRemoteAssignor is not null)
        {
            throw new ArgumentException("group.remote.assignor cannot be set when group.protocol=classic: the server-side assignor is used only by the consumer protocol (set group.protocol=consumer), the classic protocol's assignors are partition.assignment.strategy.");
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
