namespace Raft3D.StateMachine;

/// <summary>
/// What the log entry being applied could carry, by the command format it was written in. Entries from before
/// a feature existed are applied the way a snapshot of that time is read, so a node that replays old entries
/// and a node that loaded them from an old snapshot (cut at another index) reach the same state, byte for byte.
/// </summary>
public enum LogEra
{
    /// <summary>Format 1: no versions, no times; what it changes gets version 0 and no history indexes.</summary>
    BeforeVersions = 1,

    /// <summary>
    /// Format 2: versions and times, but no ledger or job history yet. A creation or start gets history index 0
    /// (a format 2 snapshot cannot tell it); a finish keeps its index, which a Done job's version still says.
    /// </summary>
    BeforeLedger = 2,

    /// <summary>Format 3 and later: everything.</summary>
    Current = 3,
}
