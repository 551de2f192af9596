using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.PrintJobs;

internal static class EditPrintJobHandler
{
    public static CommandOutcome Apply(FarmState state, EditPrintJob command)
    {
        if (state.PrintJobs.Find(command.JobId) is not { } job)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Print job '{command.JobId}' does not exist.");
        }

        // An edit to what already is changes nothing, whatever If-Match says (a retry after the first try applied).
        var edited = job with
        {
            Filepath = command.Filepath ?? job.Filepath,
            PrintWeightInGrams = command.PrintWeightInGrams ?? job.PrintWeightInGrams,
        };
        if (edited == job)
        {
            return CommandOutcome.Unchanged(job);
        }

        if (VersionCheck.Refuse(command, job.Version, $"Print job '{job.Id}'") is { } stale)
        {
            return stale;
        }

        if (job.Status != PrintJobStatus.Queued)
        {
            return CommandOutcome.Rejected(ErrorCodes.JobNotQueued, $"Print job '{job.Id}' is {job.Status}; only a Queued job can be edited.");
        }

        var extra = edited.PrintWeightInGrams - job.PrintWeightInGrams;
        var filament = state.Filaments.Find(job.FilamentId)!;
        if (extra > state.AvailableGramsOf(filament))
        {
            return CommandOutcome.Rejected(
                ErrorCodes.InsufficientFilament,
                $"Filament '{filament.Id}' has {Grams.Format(state.AvailableGramsOf(filament))} g available; the job would need {Grams.Format(extra)} g more.");
        }

        state.Reserve(job.FilamentId, extra);
        return CommandOutcome.Updated(state.ReplaceJob(edited with { CreatedAs = job.CreatedAs ?? CreatePrintJobHandler.CommandOf(job) }));
    }
}
