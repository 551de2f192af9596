namespace Raft3D.StateMachine.Commands;

/// <summary>A merge patch of a printer's descriptive fields: a null field is left as it is.</summary>
public sealed record EditPrinter(string PrinterId, string? Company, string? Model) : Command
{
    public override CommandTag Tag => CommandTag.EditPrinter;
}
