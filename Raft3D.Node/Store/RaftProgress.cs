namespace Raft3D.Node.Store;

/// <summary>What this node knows about its Raft state without asking anyone: cheap enough for every scrape and probe.</summary>
public readonly record struct RaftProgress(
    bool IsLeader,
    bool LeaderKnown,
    long Term,
    long CommitIndex,
    long AppliedIndex,
    int Members,
    int MembersAvailable,
    long LastLogIndex);
