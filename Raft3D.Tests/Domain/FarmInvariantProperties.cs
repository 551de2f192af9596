using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Domain;

/// <summary>Properties that must hold for every history, checked over FsCheck-chosen random histories.</summary>
[TestFixture]
[Category("Fast")]
public sealed class FarmInvariantProperties
{
    [FsCheck.NUnit.Property(MaxTest = 200)]
    public bool Remaining_weight_never_goes_negative_and_reservations_match_open_jobs(int seed)
    {
        var state = new FarmState();
        foreach (var command in RandomFarmHistory.Generate(seed, 300))
        {
            state.Apply(command);
            foreach (var filament in state.ListFilaments())
            {
                var open = state.ListPrintJobs(filamentId: filament.Id)
                    .Where(j => PrintJobTransitions.ReservesFilament(j.Status))
                    .Sum(j => j.PrintWeightInGrams);
                if (filament.RemainingWeightInGrams < 0m || state.ReservedGramsOf(filament.Id) != open || open > filament.RemainingWeightInGrams)
                {
                    return false;
                }
            }

            var runningPerPrinter = state.ListPrintJobs(PrintJobStatus.Running).GroupBy(j => j.PrinterId);
            if (runningPerPrinter.Any(g => g.Count() > 1))
            {
                return false;
            }
        }

        return true;
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public bool Replaying_the_same_log_gives_the_same_state_and_duplicated_entries_change_nothing(int seed)
    {
        var log = RandomFarmHistory.Generate(seed, 200).Select(CommandCodec.Encode).ToList();
        var first = new FarmState();
        var second = new FarmState();
        var duplicated = new FarmState();
        foreach (var entry in log)
        {
            first.Apply(CommandCodec.Decode(entry));
            second.Apply(CommandCodec.Decode(entry));

            // A command may reach the log twice (a client retrying after NotLeaderException): the copy is a no-op.
            duplicated.Apply(CommandCodec.Decode(entry));
            duplicated.Apply(CommandCodec.Decode(entry));
        }

        var digest = FarmSnapshotCodec.Digest(first);
        return digest == FarmSnapshotCodec.Digest(second) && digest == FarmSnapshotCodec.Digest(duplicated);
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public bool A_snapshot_restores_the_same_state_and_it_evolves_identically(int seed)
    {
        var history = RandomFarmHistory.Generate(seed, 300);
        var original = new FarmState();
        foreach (var command in history.Take(150))
        {
            original.Apply(command);
        }

        var restored = new FarmState();
        FarmSnapshotCodec.Read(FarmSnapshotCodec.Serialize(original), restored);
        foreach (var command in history.Skip(150))
        {
            if (original.Apply(command) != restored.Apply(command))
            {
                return false;
            }
        }

        return FarmSnapshotCodec.Digest(original) == FarmSnapshotCodec.Digest(restored);
    }

    [Test]
    public void The_generated_histories_exercise_every_outcome()
    {
        var state = new FarmState();
        var kinds = RandomFarmHistory.Generate(42, 2000).Select(command => state.Apply(command))
            .Select(o => o.Error?.Code ?? o.Kind.ToString()).ToHashSet();
        Assert.That(kinds, Is.SupersetOf(new[] { "Created", "Updated", "Unchanged", "duplicate_id", "unknown_reference", "insufficient_filament", "invalid_transition", "printer_busy", "not_found" }));
    }
}
