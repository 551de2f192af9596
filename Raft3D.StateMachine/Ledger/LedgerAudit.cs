using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Ledger;

/// <summary>Recomputes a spool's numbers from scratch: its ledger and the jobs, not the running totals.</summary>
internal static class LedgerAudit
{
    public static LedgerVerification Verify(FarmState state, Filament filament)
    {
        var problems = new List<string>();
        var entries = state.Ledgers.Of(filament.Id);
        var sum = 0m;
        foreach (var entry in entries)
        {
            sum += entry.Grams;
            if (entry.RemainingAfter != sum)
            {
                problems.Add($"Entry {entry.Sequence} (log index {entry.Index}) says {Grams.Format(entry.RemainingAfter)} g remained, but the entries up to it sum to {Grams.Format(sum)} g.");
            }
        }

        if (sum != filament.RemainingWeightInGrams)
        {
            problems.Add($"Remaining is {Grams.Format(filament.RemainingWeightInGrams)} g, but the ledger sums to {Grams.Format(sum)} g.");
        }

        var fromJobs = state.PrintJobs.Rows
            .Where(job => job.FilamentId == filament.Id && PrintJobTransitions.ReservesFilament(job.Status))
            .Sum(job => job.PrintWeightInGrams);
        var stored = state.ReservedGramsOf(filament.Id);
        if (fromJobs != stored)
        {
            problems.Add($"Reserved is {Grams.Format(stored)} g, but the spool's Queued and Running jobs hold {Grams.Format(fromJobs)} g.");
        }

        return new LedgerVerification(filament.Id, state.LastIndex, filament.RemainingWeightInGrams, sum, stored, fromJobs, entries.Count, problems);
    }
}
