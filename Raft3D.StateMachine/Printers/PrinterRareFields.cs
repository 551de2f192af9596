using Raft3D.StateMachine.Commands;

namespace Raft3D.StateMachine.Printers;

/// <summary>
/// The fields of a <see cref="Printer"/> that few printers ever set: a deletion, and what the create said once an
/// edit changed it. Inline they cost every printer 17 bytes (8 after the reference that replaces them); apart,
/// the printers without any (nearly all of a large farm) share <see cref="None"/>. A working printer's totals
/// stay on the row: most printers finish jobs.
/// </summary>
internal sealed record PrinterRareFields(long DeletedAtTicks, bool IsDeleted, CreatePrinter? CreatedAs)
{
    public static readonly PrinterRareFields None = new(0L, false, null);

    /// <summary>This value, or <see cref="None"/> when it holds nothing, so that no printer keeps an empty copy.</summary>
    public PrinterRareFields OrNoneIfEmpty() => DeletedAtTicks == 0L && !IsDeleted && CreatedAs is null ? None : this;
}
