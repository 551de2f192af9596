namespace Raft3D.Node.Security;

/// <summary>What a token may do; each role includes the ones below it.</summary>
public enum ApiRole
{
    /// <summary>Reads, the event stream, metrics.</summary>
    Viewer = 1,

    /// <summary>Farm writes: printers, spools, jobs, the ledger.</summary>
    Operator = 2,

    /// <summary>The cluster itself: membership, snapshots, resign, backup.</summary>
    Admin = 3,
}
