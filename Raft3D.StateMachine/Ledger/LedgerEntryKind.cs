namespace Raft3D.StateMachine.Ledger;

/// <summary>Why a spool's remaining weight changed. Values are part of the snapshot format: only append.</summary>
public enum LedgerEntryKind : byte
{
    /// <summary>The weight the spool was registered with.</summary>
    Initial = 1,

    /// <summary>A Done job took its weight.</summary>
    Consume = 2,

    /// <summary>An operator corrected the weight by a signed amount.</summary>
    Adjust = 3,

    /// <summary>A scale reading set the weight.</summary>
    Measure = 4,
}
