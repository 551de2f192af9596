namespace Raft3D.StateMachine.Ledger;

/// <summary>The API's names for ledger entry kinds: lower case, as the issue and exports spell them.</summary>
public static class LedgerEntryKindNames
{
    public static string Of(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Initial => "initial",
        LedgerEntryKind.Consume => "consume",
        LedgerEntryKind.Adjust => "adjust",
        LedgerEntryKind.Measure => "measure",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown ledger entry kind."),
    };
}
