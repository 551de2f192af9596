using Raft3D.StateMachine.Commands;

namespace Raft3D.StateMachine.Printers;

/// <summary>
/// The fields of a <see cref="Printer"/> that most printers of a large farm never set: work finished, a deletion,
/// and what the create said once an edit changed it. Inline they were a quarter of every printer's row; apart,
/// the many printers without any share <see cref="None"/>.
/// </summary>
internal sealed record PrinterRareFields(int CompletedJobs, decimal PrintedWeightInGrams, long DeletedAtTicks, bool IsDeleted, CreatePrinter? CreatedAs)
{
    public static readonly PrinterRareFields None = new(0, 0m, 0L, false, null);

    /// <summary>This value, as <see cref="None"/> when it holds nothing, so that no printer keeps an empty copy.</summary>
    /// <remarks>A weight of 0.0 is not <see cref="None"/>'s 0: a decimal keeps its scale, and answers show it.</remarks>
    public PrinterRareFields Shared()
        => CompletedJobs == 0 && IsSameDecimal(PrintedWeightInGrams, 0m) && DeletedAtTicks == 0L && !IsDeleted && CreatedAs is null ? None : this;

    /// <summary>Equal, and written the same: 800 and 800.0 are equal decimals but not the same value to keep.</summary>
    public static bool IsSameDecimal(decimal a, decimal b) => a == b && a.Scale == b.Scale;
}
