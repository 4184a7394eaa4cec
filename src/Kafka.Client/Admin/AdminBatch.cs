using Kafka.Client.Protocol;

namespace Kafka.Client.Admin;

/// <summary>
/// The answers of one admin call, one per item (a topic, group, partition or config resource). An item ends with
/// a result or a final error; until then it is pending, with the retriable error it last got, and is sent again
/// on the next attempt. One item's failure never hides the others' results.
/// </summary>
/// <typeparam name="TKey">What identifies an item.</typeparam>
/// <typeparam name="TResult">The result of an item, which carries its error when it failed.</typeparam>
internal sealed class AdminBatch<TKey, TResult>
    where TKey : notnull
{
    private readonly Lock _sync = new();
    private readonly List<TKey> _order;
    private readonly Dictionary<TKey, TResult> _answers = [];
    private readonly Dictionary<TKey, KafkaException?> _pending = [];
    private readonly HashSet<TKey> _unanswered = [];
    private readonly string _kind;
    private readonly Func<TKey, KafkaException, TResult> _failed;

    /// <param name="keys">The items, in the order results are returned; duplicates count once.</param>
    /// <param name="kind">What an item is, for error messages: "topic", "group", "partition"...</param>
    /// <param name="failed">Makes the result of an item that failed.</param>
    public AdminBatch(IEnumerable<TKey> keys, string kind, Func<TKey, KafkaException, TResult> failed)
    {
        _order = [.. keys.Distinct()];
        _kind = kind;
        _failed = failed;
        foreach (TKey key in _order)
        {
            _pending[key] = null;
        }
    }

    /// <summary>The items without a final answer yet.</summary>
    public IReadOnlyList<TKey> Pending
    {
        get
        {
            lock (_sync)
            {
                return [.. _order.Where(_pending.ContainsKey)];
            }
        }
    }

    /// <summary>One result per item, in the order the items were given.</summary>
    /// <remarks>Call once every item is answered (<see cref="AdminCalls.RunAsync"/> makes sure of that).</remarks>
    public IReadOnlyList<TResult> Results
    {
        get
        {
            lock (_sync)
            {
                return [.. _order.Select(k => _answers[k])];
            }
        }
    }

    /// <summary>Records the result of an item.</summary>
    public void Succeed(TKey key, TResult result)
    {
        lock (_sync)
        {
            _unanswered.Remove(key);
            if (_pending.Remove(key))
            {
                _answers[key] = result;
            }
        }
    }

    /// <summary>Fails an item for good with a broker error code.</summary>
    public void Fail(TKey key, ErrorCode error, string? message = null) => Fail(key, ErrorFor(key, error, message), wrap: false);

    /// <summary>Fails an item for good with an error that was not about the item alone (a request or connection failure).</summary>
    public void Fail(TKey key, KafkaException cause) => Fail(key, cause, wrap: true);

    /// <summary>Keeps an item pending for the next attempt, remembering why.</summary>
    public void Retry(TKey key, KafkaException error)
    {
        lock (_sync)
        {
            _unanswered.Remove(key);
            if (_pending.ContainsKey(key))
            {
                _pending[key] = error;
            }
        }
    }

    /// <summary>Retries the items when <paramref name="error"/> is retriable, else fails them.</summary>
    public void Handle(IEnumerable<TKey> keys, KafkaException error)
    {
        foreach (TKey key in keys)
        {
            if (error.IsRetriable)
            {
                Retry(key, error);
            }
            else
            {
                Fail(key, error);
            }
        }
    }

    /// <summary>
    /// Records the error code a response gave an item: none (returns false, the caller records the result), one in
    /// <paramref name="retryOn"/> (the item stays pending), or any other (the item fails).
    /// </summary>
    /// <returns>True when the item had an error, now recorded.</returns>
    public bool RecordError(TKey key, ErrorCode error, string? message, IReadOnlySet<ErrorCode> retryOn)
    {
        if (error == ErrorCode.None)
        {
            return false;
        }

        if (retryOn.Contains(error))
        {
            Retry(key, ErrorFor(key, error, message));
        }
        else
        {
            Fail(key, error, message);
        }

        return true;
    }

    /// <summary>
    /// Marks items as sent in this attempt, so that <see cref="FailUnanswered"/> can find those a response left out.
    /// The error an item last got is kept: a call that times out during this attempt still says what it was.
    /// </summary>
    public void Sending(IEnumerable<TKey> keys)
    {
        lock (_sync)
        {
            foreach (TKey key in keys)
            {
                if (_pending.ContainsKey(key))
                {
                    _unanswered.Add(key);
                }
            }
        }
    }

    /// <summary>Fails the items a broker's response did not mention, rather than report a success nobody confirmed.</summary>
    public void FailUnanswered(IEnumerable<TKey> keys)
    {
        foreach (TKey key in keys)
        {
            bool unanswered;
            lock (_sync)
            {
                unanswered = _pending.ContainsKey(key) && _unanswered.Contains(key);
            }

            if (unanswered)
            {
                Fail(key, ErrorCode.UnknownServerError, "The broker's response did not mention it.");
            }
        }
    }

    /// <summary>The error of a pending item that is worth another attempt, or null when nothing is pending.</summary>
    public KafkaException? RetryReason()
    {
        lock (_sync)
        {
            return _pending.Count == 0 ? null : _pending.Values.FirstOrDefault(e => e is not null) ?? new KafkaException(ErrorCode.UnknownServerError, "Items are still pending.");
        }
    }

    /// <summary>Fails every pending item, with an error made from the last one it got (null when it got none).</summary>
    public void FailPending(Func<KafkaException?, KafkaException> error)
    {
        List<(TKey Key, KafkaException? Last)> pending;
        lock (_sync)
        {
            pending = [.. _pending.Select(p => (p.Key, p.Value))];
        }

        foreach (var (key, last) in pending)
        {
            Fail(key, error(last));
        }
    }

    /// <summary>An error about one item, naming it.</summary>
    public KafkaException ErrorFor(TKey key, ErrorCode error, string? message) =>
        new(error, $"{error} for {_kind} {key}: {(string.IsNullOrEmpty(message) ? error.Describe() : message)}", key is TopicPartition tp ? tp : null);

    private void Fail(TKey key, KafkaException error, bool wrap)
    {
        // An authentication failure is about the connection, not the item: it reaches the caller as it is (as Java's admin fails the future with the AuthenticationException).
        if (wrap && error is not KafkaAuthenticationException && !error.Message.Contains($"{_kind} {key}", StringComparison.Ordinal))
        {
            error = new KafkaException(error, $"{_kind} {key}: {error.Message}", key is TopicPartition tp ? tp : null);
        }

        TResult result = _failed(key, error);
        Succeed(key, result);
    }
}
