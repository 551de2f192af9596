using Raft3D.StateMachine.Commands;

namespace Raft3D.StateMachine.Outcomes;

/// <summary>If-Match, judged in apply: a command naming a version the entity has moved past changes nothing.</summary>
internal static class VersionCheck
{
    public static CommandOutcome? Refuse(Command command, long version, string what)
        => command.ExpectedVersion is { } expected && expected != version
            ? CommandOutcome.Rejected(
                ErrorCodes.VersionMismatch,
                $"{what} is at version {version}, not {expected} as If-Match says: it changed since you read it. Read it again and retry.")
            : null;
}
