namespace Raft3D.Client;

/// <summary>The <c>event:</c> names of <c>GET /api/v1/events</c>, as <c>types=</c> takes them.</summary>
public static class FarmEventTypes
{
    public const string Printer = "printer";
    public const string Filament = "filament";
    public const string PrintJob = "print_job";
    public const string Ledger = "ledger";
    /// <summary>The node's role and leader, on connect and on each change; only when asked for (no filter, or one naming it).</summary>
    public const string Cluster = "cluster";

    /// <summary>Not a filter value: the node could not give every event since the caller's index; reload the lists (<see cref="EventStreamReset"/>).</summary>
    public const string Reset = "reset";
}
