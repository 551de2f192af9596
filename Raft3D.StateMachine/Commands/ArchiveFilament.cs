namespace Raft3D.StateMachine.Commands;

/// <summary>Retires a spool with no open jobs: no new job may use it, and it stays for history.</summary>
public sealed record ArchiveFilament(string FilamentId) : Command
{
    public override CommandTag Tag => CommandTag.ArchiveFilament;
}
