using System.CommandLine;

namespace Raft3D.Cli.Commands;

/// <summary>
/// --if-match on every command that changes an existing entity: the write happens only if nobody changed the
/// entity since its version was read (the node checks it in the replicated state machine, so it holds on any node).
/// </summary>
internal static class IfMatchOption
{
    /// <summary>A new option each time: each command owns its options.</summary>
    public static Option<long?> Create(string entity) => new("--if-match")
    {
        HelpName = "version",
        Description = $"Only if the {entity} is still at this version (its 'version', as last read); otherwise nothing changes and the exit code is {ExitCodes.VersionMismatch}.",
    };
}
