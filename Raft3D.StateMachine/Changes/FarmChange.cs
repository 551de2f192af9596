namespace Raft3D.StateMachine.Changes;

/// <summary>
/// One thing a command changed, as it stands once the command applied: a <see cref="Printers.PrinterView"/>
/// (a deleted printer included), a <see cref="Filaments.FilamentView"/>, a <see cref="PrintJobs.PrintJobView"/>
/// or a new <see cref="Ledger.LedgerEntry"/>. Views are immutable, so the change can be read after the state moves on.
/// </summary>
public sealed record FarmChange(FarmChangeKind Kind, object Entity);
