namespace Raft3D.StateMachine.Changes;

/// <summary>What a <see cref="FarmChange"/> describes: one of the farm's entities, or a spool's new ledger entry.</summary>
public enum FarmChangeKind
{
    Printer,
    Filament,
    PrintJob,
    Ledger,
}
