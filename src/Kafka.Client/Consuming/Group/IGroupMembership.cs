namespace Kafka.Client.Consuming;

/// <summary>
/// A consumer's membership in its group as the consume loop drives it, whichever the protocol: the classic one
/// (<see cref="GroupMember"/>: JoinGroup, SyncGroup, Heartbeat) or the consumer protocol of KIP-848
/// (<see cref="ConsumerGroupMembership"/>: ConsumerGroupHeartbeat). It never calls application code: it tells the
/// loop through <see cref="RejoinNeeded"/>, <see cref="PartitionsLost"/> and <see cref="Signal"/> what to do next, and
/// the loop runs the rebalance handlers.
/// </summary>
internal interface IGroupMembership : IAsyncDisposable
{
    /// <summary>The consumer options the member uses.</summary>
    GroupSettings Settings { get; }

    /// <summary>The member id; empty before the classic coordinator gave one.</summary>
    string MemberId { get; }

    /// <summary>The classic generation, or the consumer protocol's member epoch; -1 (classic) or 0 outside the group.</summary>
    int GenerationId { get; }

    /// <summary>The eager classic protocol: every partition is given up before each rebalance.</summary>
    bool RevokesAllBeforeJoin { get; }

    /// <summary>The loop must call <see cref="JoinAndSyncAsync"/>: a rebalance (classic), or joining or an assignment to reconcile (consumer protocol).</summary>
    bool RejoinNeeded { get; }

    /// <summary>The member fell out of the group: its partitions may be owned by others now and must be given up without committing.</summary>
    bool PartitionsLost { get; }

    /// <summary>A fatal group error (fenced static member, ...): consume and commit raise it from then on.</summary>
    KafkaException? Fatal { get; }

    /// <summary>Wakes the consume loop when <see cref="RejoinNeeded"/> or <see cref="PartitionsLost"/> turns true.</summary>
    AsyncSignal Signal { get; }

    /// <summary>Called by the consume loop each time the application asks for records (for <c>max.poll.interval.ms</c>).</summary>
    void Polled();

    /// <summary>The subscription or partition counts changed: join again (classic) or send the new subscription (consumer protocol).</summary>
    void RequestRejoin();

    /// <summary>After leaving: the next join starts afresh.</summary>
    void Forget();

    /// <summary>The consume loop gave up the lost partitions.</summary>
    void LostHandled();

    /// <summary>
    /// Joins the group (or, in the consumer protocol, waits for an assignment to reconcile) and returns this member's
    /// partitions; null when there is nothing to apply any more (the member was fenced meanwhile).
    /// </summary>
    /// <exception cref="KafkaException">A fatal group error.</exception>
    Task<GroupAssignmentResult?> JoinAndSyncAsync(IReadOnlyCollection<string> topics, IReadOnlyCollection<TopicPartition> owned, CancellationToken cancellationToken);

    /// <summary>
    /// The consume loop applied <paramref name="result"/> (revoked, then assigned, handlers called): the cooperative
    /// classic protocol rebalances again after a revocation, the consumer protocol acknowledges with its next heartbeat.
    /// </summary>
    void AssignmentApplied(GroupAssignmentResult result, bool revokedAny);

    /// <summary>Leaves the group (on close, unsubscribe).</summary>
    Task LeaveAsync(string reason, CancellationToken cancellationToken);

    /// <summary>Commits offsets with this member's generation or epoch.</summary>
    /// <exception cref="CommitFailedException">The member is no longer in the group's generation.</exception>
    Task CommitAsync(IReadOnlyDictionary<TopicPartition, OffsetAndMetadata> offsets, bool requireGeneration, CancellationToken cancellationToken);

    /// <summary>The committed offsets of the partitions; <see cref="Offset.Unset"/> where none.</summary>
    Task<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>> FetchCommittedAsync(IReadOnlyList<TopicPartition> partitions, CancellationToken cancellationToken);
}
