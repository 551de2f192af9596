using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Ledger;

/// <summary>The spool a correction names, or why it cannot be corrected: it does not exist, or If-Match is stale.</summary>
internal static class CorrectedSpool
{
    public static Filament? Find(FarmState state, Command command, string filamentId, out CommandOutcome? refusal)
    {
        if (state.Filaments.Find(filamentId) is not { } filament)
        {
            refusal = CommandOutcome.Rejected(ErrorCodes.NotFound, $"Filament '{filamentId}' does not exist.");
            return null;
        }

        refusal = VersionCheck.Refuse(command, filament.Version, $"Filament '{filament.Id}'");
        return refusal is null ? filament : null;
    }
}
