namespace Raft3D.StateMachine.Commands;

/// <summary>
/// The tag byte that says which command an encoded entry holds.
/// Values are part of the on-disk format: never renumber, only append.
/// </summary>
public enum CommandTag : byte
{
    CreatePrinter = 1,
    CreateFilament = 2,
    CreatePrintJob = 3,
    ChangePrintJobStatus = 4,
    Checkpoint = 5,
    EditPrinter = 6,
    SetPrinterMaintenance = 7,
    DeletePrinter = 8,
    DispatchPrinter = 9,
    EditFilament = 10,
    ArchiveFilament = 11,
    AssignPrintJob = 12,
    ReportPrintJobProgress = 13,
    EditPrintJob = 14,
    AdjustFilament = 15,
    MeasureFilament = 16,
}
