namespace Raft3D.StateMachine.Commands;

public sealed record CreatePrinter(string Id, string Company, string Model) : Command
{
    public override CommandTag Tag => CommandTag.CreatePrinter;
}
