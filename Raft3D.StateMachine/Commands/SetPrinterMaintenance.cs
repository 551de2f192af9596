namespace Raft3D.StateMachine.Commands;

/// <summary>Takes a printer out of service (it starts no job) or puts it back.</summary>
public sealed record SetPrinterMaintenance(string PrinterId, bool InMaintenance) : Command
{
    public override CommandTag Tag => CommandTag.SetPrinterMaintenance;
}
