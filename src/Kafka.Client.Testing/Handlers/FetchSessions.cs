using Kafka.Client.Protocol;
using Kafka.Client.Protocol.Messages;
using Kafka.Client.Testing.Broker;
using Kafka.Client.Testing.State;

namespace Kafka.Client.Testing.Handlers;

/// <summary>Turns a Fetch request into the partitions to answer, creating, updating or closing its session (KIP-227).</summary>
internal static class FetchSessions
{
    public static ErrorCode Resolve(RequestContext context, FetchRequest fetch, out FetchSession? session, out List<SessionPartition> partitions, out bool incremental)
    {
        FetchSessionCache cache = context.Broker.FetchSessions;
        session = null;
        incremental = false;
        partitions = [];
        if (context.Version >= FetchVersions.Sessions && fetch.SessionId != 0)
        {
            if (fetch.SessionEpoch > 0)
            {
                if (!cache.TryGet(fetch.SessionId, out FetchSession existing))
                {
                    return ErrorCode.FetchSessionIdNotFound;
                }

                lock (existing)
                {
                    if (fetch.SessionEpoch != existing.NextEpoch)
                    {
                        return ErrorCode.InvalidFetchSessionEpoch;
                    }

                    existing.NextEpoch = existing.NextEpoch == int.MaxValue ? 1 : existing.NextEpoch + 1;
                    existing.LastUsed = Environment.TickCount64;
                    ErrorCode error = Update(context, fetch, existing);
                    if (error != ErrorCode.None)
                    {
                        return error;
                    }

                    session = existing;
                    incremental = true;
                    partitions = [.. existing.Partitions];
                    return ErrorCode.None;
                }
            }

            cache.Remove(fetch.SessionId);
        }

        bool create = context.Version >= FetchVersions.Sessions && fetch.SessionEpoch == 0;
        var fresh = create ? cache.Create() : new FetchSession(0);
        ErrorCode updateError = Update(context, fetch, fresh);
        if (updateError != ErrorCode.None)
        {
            cache.Remove(fresh.Id);
            return updateError;
        }

        session = create ? fresh : null;
        partitions = fresh.Partitions;
        return ErrorCode.None;
    }

    private static ErrorCode Update(RequestContext context, FetchRequest fetch, FetchSession session)
    {
        bool byId = context.Version >= FetchVersions.TopicIds;
        foreach (FetchRequest.ForgottenTopic forgotten in fetch.ForgottenTopicsData)
        {
            string? name = byId ? context.Cluster.FindTopic(forgotten.TopicId)?.Name : forgotten.Topic;
            session.Partitions.RemoveAll(p => (byId ? p.TopicId == forgotten.TopicId : p.Topic == name) && forgotten.Partitions.Contains(p.Partition));
        }

        foreach (FetchRequest.FetchTopic topic in fetch.Topics)
        {
            TopicState? state = byId ? context.Cluster.FindTopic(topic.TopicId) : context.Cluster.FindTopic(topic.Topic);
            string name = byId ? state?.Name ?? "" : topic.Topic;
            KafkaUuid id = byId ? topic.TopicId : state?.Id ?? KafkaUuid.Zero;
            foreach (FetchRequest.FetchPartition p in topic.Partitions)
            {
                SessionPartition? known = byId
                    ? session.Partitions.Find(s => s.TopicId == id && s.Partition == p.Partition)
                    : session.Find(name, p.Partition);
                if (known is null)
                {
                    known = new SessionPartition(name, id, p.Partition);
                    session.Partitions.Add(known);
                }

                known.FetchOffset = p.FetchOffset;
                known.MaxBytes = p.PartitionMaxBytes;
                known.CurrentLeaderEpoch = p.CurrentLeaderEpoch;
            }
        }

        return ErrorCode.None;
    }
}
