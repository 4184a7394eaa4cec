using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;

namespace Kafka.Client.Consuming;

/// <summary>
/// The client side of an incremental fetch session with one broker (KIP-227): the first request is a full fetch that
/// asks for a session; later ones send only partitions that are new or whose fetch offset changed, and name the
/// partitions to forget. Any session error starts over with a full fetch.
/// </summary>
internal sealed class FetchSession
{
    private readonly Dictionary<TopicPartition, FetchTarget> _inSession = [];
    private int _sessionId;
    private int _epoch;

    /// <summary>Every partition the broker's session holds, by topic name and id, to read the response.</summary>
    public IReadOnlyDictionary<TopicPartition, FetchTarget> Partitions => _inSession;

    public FetchRequest Build(IReadOnlyList<FetchTarget> targets, FetcherSettings settings)
    {
        var request = new FetchRequest
        {
            MaxWaitMs = settings.MaxWaitMs,
            MinBytes = settings.MinBytes,
            MaxBytes = settings.MaxBytes,
            IsolationLevel = settings.IsolationLevel,
            SessionId = _sessionId,
            SessionEpoch = _epoch,
            RackId = settings.RackId,
        };
        bool full = _epoch == 0;
        var wanted = new HashSet<TopicPartition>();
        var topics = new Dictionary<string, FetchRequest.FetchTopic>(StringComparer.Ordinal);
        foreach (FetchTarget target in targets)
        {
            TopicPartition tp = target.State.TopicPartition;
            wanted.Add(tp);
            if (!full && _inSession.TryGetValue(tp, out FetchTarget? sent) && sent.FetchOffset == target.FetchOffset && sent.LeaderEpoch == target.LeaderEpoch)
            {
                _inSession[tp] = target;
                continue;
            }

            _inSession[tp] = target;
            if (!topics.TryGetValue(tp.Topic, out FetchRequest.FetchTopic? topic))
            {
                topic = new FetchRequest.FetchTopic { Topic = tp.Topic, TopicId = target.TopicId };
                topics[tp.Topic] = topic;
                request.Topics.Add(topic);
            }

            topic.Partitions.Add(new FetchRequest.FetchPartition
            {
                Partition = tp.Partition,
                FetchOffset = target.FetchOffset,
                CurrentLeaderEpoch = target.LeaderEpoch,
                PartitionMaxBytes = settings.MaxPartitionBytes,
            });
        }

        var forgotten = new Dictionary<string, FetchRequest.ForgottenTopic>(StringComparer.Ordinal);
        foreach (var (tp, target) in _inSession.ToList())
        {
            if (wanted.Contains(tp))
            {
                continue;
            }

            _inSession.Remove(tp);
            if (full)
            {
                continue;
            }

            if (!forgotten.TryGetValue(tp.Topic, out FetchRequest.ForgottenTopic? topic))
            {
                topic = new FetchRequest.ForgottenTopic { Topic = tp.Topic, TopicId = target.TopicId };
                forgotten[tp.Topic] = topic;
                request.ForgottenTopicsData.Add(topic);
            }

            topic.Partitions.Add(tp.Partition);
        }

        return request;
    }

    /// <summary>Takes the session the broker created or continued; false when the response's error ended the session.</summary>
    public bool OnResponse(FetchResponse response)
    {
        var error = (ErrorCode)response.ErrorCode;
        if (error != ErrorCode.None)
        {
            Reset();
            return false;
        }

        if (_epoch == 0)
        {
            _sessionId = response.SessionId;
            _epoch = _sessionId == 0 ? 0 : 1;
        }
        else
        {
            _epoch = _epoch == int.MaxValue ? 1 : _epoch + 1;
        }

        return true;
    }

    /// <summary>Starts over: the next request is a full fetch asking for a new session.</summary>
    public void Reset()
    {
        _sessionId = 0;
        _epoch = 0;
        _inSession.Clear();
    }
}
