using Raft3D.StateMachine.Changes;

namespace Raft3D.Node.Store.Events;

/// <summary>The event stream's event names: what a client filters on with <c>?types=</c> and reads in <c>event:</c>.</summary>
public static class EventTypes
{
    public const string Printer = "printer";
    public const string Filament = "filament";
    public const string PrintJob = "print_job";
    public const string Ledger = "ledger";
    public const string Cluster = "cluster";

    /// <summary>Always sent, whatever the filter: the client must reload its lists.</summary>
    public const string Reset = "reset";

    /// <summary>What a client may ask for in <c>?types=</c>.</summary>
    public static IReadOnlyList<string> Filterable { get; } = [Printer, Filament, PrintJob, Ledger, Cluster];

    public static string Of(FarmChangeKind kind) => kind switch
    {
        FarmChangeKind.Printer => Printer,
        FarmChangeKind.Filament => Filament,
        FarmChangeKind.PrintJob => PrintJob,
        FarmChangeKind.Ledger => Ledger,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
