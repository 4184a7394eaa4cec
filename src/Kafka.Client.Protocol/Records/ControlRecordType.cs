namespace Kafka.Client.Protocol;

/// <summary>The type in a control record's key (ControlRecordType.java).</summary>
public enum ControlRecordType : short
{
    /// <summary>Transaction aborted (end-transaction marker).</summary>
    Abort = 0,

    /// <summary>Transaction committed (end-transaction marker).</summary>
    Commit = 1,

    /// <summary>KRaft leader change.</summary>
    LeaderChange = 2,

    /// <summary>KRaft snapshot header.</summary>
    SnapshotHeader = 3,

    /// <summary>KRaft snapshot footer.</summary>
    SnapshotFooter = 4,

    /// <summary>KRaft version.</summary>
    KRaftVersion = 5,

    /// <summary>KRaft voters.</summary>
    KRaftVoters = 6,
}
