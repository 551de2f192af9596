using FsCheck;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Domain;

/// <summary>
/// Properties that must hold for every history, checked over FsCheck-chosen random histories (see
/// <see cref="RandomFarmHistory"/>). The per-step properties walk a history and check the farm after every
/// command; a failure names the seed, the step, the command, its outcome and what was seen. Failures are thrown
/// rather than asserted so that FsCheck's shrinking runs do not pile up recorded NUnit failures. Seeds are
/// <see cref="DoNotSize{T}"/>: FsCheck's sized ints stay near zero, so a hundred runs would replay a few histories.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class FarmInvariantProperties
{
    private const int HistoryLength = 300;

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void Remaining_weight_never_goes_negative_and_reservations_match_open_jobs(DoNotSize<int> seed)
        => Walk(seed.Item, (farm, _, _) =>
        {
            foreach (var filament in farm.ListFilaments())
            {
                var open = farm.ListPrintJobs(filamentId: filament.Id)
                    .Where(j => j.Status is PrintJobStatus.Queued or PrintJobStatus.Running)
                    .Sum(j => j.PrintWeightInGrams);
                var reserved = farm.ReservedGramsOf(filament.Id);
                if (filament.RemainingWeightInGrams < 0m || reserved != open || reserved > filament.RemainingWeightInGrams)
                {
                    return $"filament {filament.Id}: remaining {filament.RemainingWeightInGrams} g, reserved {reserved} g, Queued and Running jobs weigh {open} g";
                }
            }

            return null;
        });

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void A_printer_runs_at_most_one_job_and_is_Printing_exactly_while_it_does(DoNotSize<int> seed)
        => Walk(seed.Item, (farm, _, _) =>
        {
            var runningOn = farm.ListPrintJobs(PrintJobStatus.Running).ToLookup(j => j.PrinterId ?? "", j => j.Id, StringComparer.Ordinal);
            foreach (var printer in farm.ListPrinters())
            {
                var running = runningOn[printer.Id].ToList();
                var state = farm.StateOf(printer);
                var current = farm.DescribePrinter(printer.Id)?.CurrentJobId;
                var expectedCurrent = printer.IsDeleted ? null : running.SingleOrDefault();
                if (running.Count > 1 || (running.Count == 1) != (state == PrinterState.Printing) || current != expectedCurrent)
                {
                    return $"printer {printer.Id} is {state} with current job '{current}' but runs [{string.Join(", ", running)}]";
                }
            }

            return farm.ListPrintJobs(PrintJobStatus.Running).FirstOrDefault(j => j.PrinterId is null) is { } orphan
                ? $"job {orphan.Id} is Running without a printer"
                : null;
        });

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void Each_queue_holds_its_Queued_jobs_at_positions_1_to_n_in_QueuedIndex_order_and_a_job_joins_at_the_tail(DoNotSize<int> seed)
    {
        var queueOf = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(seed.Item, (farm, _, _) =>
        {
            var jobs = farm.ListPrintJobs().Select(j => farm.DescribePrintJob(j.Id)!).ToList();
            if (jobs.FirstOrDefault(v => v.Job.Status != PrintJobStatus.Queued && v.QueuePosition is not null) is { } placed)
            {
                return $"job {placed.Job.Id} is {placed.Job.Status} but has queue position {placed.QueuePosition}";
            }

            // A queue per printer (deleted ones included) and the unassigned one: their lengths add up to the Queued
            // jobs, and each Queued job has a distinct place in its own, so no job is in two queues or in none.
            var queues = farm.ListPrinters().Select(p => (string?)p.Id).Append(null).ToList();
            var queued = jobs.Where(v => v.Job.Status == PrintJobStatus.Queued).ToList();
            var lengths = queues.Sum(farm.QueueLengthOf);
            if (lengths != queued.Count)
            {
                return $"the queues hold {lengths} jobs but {queued.Count} jobs are Queued";
            }

            var queuedOn = queued.ToLookup(v => v.Job.PrinterId ?? "", StringComparer.Ordinal);
            foreach (var printerId in queues)
            {
                var queue = queuedOn[printerId ?? ""].ToList();
                var byIndex = queue.OrderBy(v => v.Job.QueuedIndex).ThenBy(v => v.Job.Id, StringComparer.Ordinal).Select(v => v.QueuePosition);
                var positions = Enumerable.Range(1, queue.Count).Select(p => (int?)p);
                if (!byIndex.SequenceEqual(positions) || farm.QueueLengthOf(printerId) != queue.Count)
                {
                    return $"queue of {printerId ?? "(unassigned)"} has length {farm.QueueLengthOf(printerId)} and, in QueuedIndex order, positions "
                        + $"[{string.Join(", ", byIndex)}] for jobs [{string.Join(", ", queue.OrderBy(v => v.Job.QueuedIndex).Select(v => v.Job.Id))}]";
                }

                if (printerId is not null && farm.DescribePrinter(printerId) is { } printer && printer.QueuedJobs != queue.Count)
                {
                    return $"printer {printerId} says {printer.QueuedJobs} queued jobs but {queue.Count} are in its queue";
                }
            }

            // First in, first out: a job new to a queue (created, or assigned there) is behind every job already in it.
            var now = queued.ToDictionary(v => v.Job.Id, v => v.Job.PrinterId ?? "(unassigned)", StringComparer.Ordinal);
            foreach (var joined in queued.Where(v => !queueOf.TryGetValue(v.Job.Id, out var before) || before != now[v.Job.Id]))
            {
                if (joined.QueuePosition != farm.QueueLengthOf(joined.Job.PrinterId))
                {
                    return $"job {joined.Job.Id} joined the queue of {now[joined.Job.Id]} at position {joined.QueuePosition} of {farm.QueueLengthOf(joined.Job.PrinterId)}";
                }
            }

            queueOf = now;
            return null;
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void Progress_never_goes_back_stays_in_range_and_is_100_when_Done(DoNotSize<int> seed)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        Walk(seed.Item, (farm, _, _) =>
        {
            foreach (var job in farm.ListPrintJobs())
            {
                if (seen.TryGetValue(job.Id, out var before) && job.ProgressPercent < before)
                {
                    return $"job {job.Id} went back from {before}% to {job.ProgressPercent}%";
                }

                if (job.ProgressPercent is < 0 or > 100 || (job.Status == PrintJobStatus.Done && job.ProgressPercent != 100))
                {
                    return $"job {job.Id} is {job.Status} at {job.ProgressPercent}%";
                }

                seen[job.Id] = job.ProgressPercent;
            }

            return null;
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void A_printer_in_maintenance_never_gains_a_running_job(DoNotSize<int> seed)
    {
        var inMaintenance = new HashSet<string>(StringComparer.Ordinal);
        Walk(seed.Item, (farm, _, _) =>
        {
            foreach (var job in farm.ListPrintJobs(PrintJobStatus.Running))
            {
                var printer = farm.FindPrinter(job.PrinterId!)!;
                if (printer.InMaintenance || inMaintenance.Contains(printer.Id))
                {
                    return $"printer {printer.Id} (in maintenance before: {inMaintenance.Contains(printer.Id)}, now: {printer.InMaintenance}) runs job {job.Id}";
                }
            }

            inMaintenance.Clear();
            inMaintenance.UnionWith(farm.ListPrinters().Where(p => p.InMaintenance).Select(p => p.Id));
            return null;
        });
    }

    // Fewer runs: this one serialises the whole farm after every command.
    [FsCheck.NUnit.Property(MaxTest = 50)]
    public void A_rejected_or_unchanged_command_changes_nothing(DoNotSize<int> seed)
    {
        var before = FarmSnapshotCodec.Digest(new FarmState());
        Walk(seed.Item, (farm, _, outcome) =>
        {
            var after = FarmSnapshotCodec.Digest(farm);
            var changed = after != before;
            before = after;
            return changed && outcome.Kind is OutcomeKind.Rejected or OutcomeKind.Unchanged
                ? $"the outcome was {outcome.Kind} but the digest changed"
                : null;
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void A_command_whose_If_Match_names_another_version_is_never_applied_and_the_current_version_never_mismatches(DoNotSize<int> seed)
    {
        var farm = new FarmState();
        var step = 0;
        foreach (var command in RandomFarmHistory.Generate(seed.Item, HistoryLength))
        {
            var version = RandomFarmHistory.VersionOfTarget(farm, command);
            var outcome = farm.Apply(command);
            var applied = outcome.Kind is OutcomeKind.Created or OutcomeKind.Updated;
            var mismatched = outcome.Error?.Code == ErrorCodes.VersionMismatch;
            if (command.ExpectedVersion is { } expected && version is { } current && (expected == current ? mismatched : applied))
            {
                throw new AssertionException($"seed {seed.Item}, step {step} ({command}): If-Match {expected} against version {current} gave {outcome}");
            }

            step++;
        }
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void The_clock_is_the_newest_stamp_of_a_change_and_every_entity_time_is_in_order(DoNotSize<int> seed)
    {
        DateTimeOffset? clock = null;
        Walk(seed.Item, (farm, command, outcome) =>
        {
            var changed = outcome.Kind is OutcomeKind.Created or OutcomeKind.Updated;
            var expected = changed && command.StampedAt is { } stamp && (clock is null || stamp > clock) ? stamp : clock;
            if (farm.Clock != expected)
            {
                return $"the clock went from {clock:O} to {farm.Clock:O}; expected {expected:O}";
            }

            clock = farm.Clock;
            foreach (var p in farm.ListPrinters())
            {
                if (!InOrder(p.CreatedAt, p.UpdatedAt, clock) || !InOrder(p.CreatedAt, p.DeletedAt, p.UpdatedAt))
                {
                    return $"printer {p.Id}: created {p.CreatedAt:O}, updated {p.UpdatedAt:O}, deleted {p.DeletedAt:O}, clock {clock:O}";
                }
            }

            foreach (var f in farm.ListFilaments())
            {
                if (!InOrder(f.CreatedAt, f.UpdatedAt, clock) || !InOrder(f.CreatedAt, f.ArchivedAt, f.UpdatedAt))
                {
                    return $"filament {f.Id}: created {f.CreatedAt:O}, updated {f.UpdatedAt:O}, archived {f.ArchivedAt:O}, clock {clock:O}";
                }
            }

            foreach (var j in farm.ListPrintJobs())
            {
                if (!InOrder(j.CreatedAt, j.StartedAt, j.FinishedAt, clock))
                {
                    return $"job {j.Id}: created {j.CreatedAt:O}, started {j.StartedAt:O}, finished {j.FinishedAt:O}, clock {clock:O}";
                }
            }

            return null;
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void Versions_are_the_index_of_each_entity_s_last_change_including_a_printer_s_queue_and_running_job(DoNotSize<int> seed)
    {
        var previous = new Dictionary<string, (object Entity, long Version)>(StringComparer.Ordinal);
        Walk(seed.Item, (farm, _, _) =>
        {
            var now = new Dictionary<string, (object Entity, long Version)>(StringComparer.Ordinal);
            var openOn = farm.ListPrintJobs()
                .Where(j => j.Status is PrintJobStatus.Queued or PrintJobStatus.Running)
                .OrderBy(j => j.QueuedIndex)
                .ToLookup(j => j.PrinterId ?? "", StringComparer.Ordinal);
            foreach (var p in farm.ListPrinters())
            {
                // What a printer is includes what the farm derives about it: its queue in order and its running job.
                var open = string.Join(",", openOn[p.Id].Select(j => $"{j.Id}:{j.Status}"));
                now["printer " + p.Id] = ((p with { Version = 0 }, open), p.Version);
            }

            foreach (var f in farm.ListFilaments())
            {
                now["filament " + f.Id] = (f with { Version = 0 }, f.Version);
            }

            foreach (var j in farm.ListPrintJobs())
            {
                now["job " + j.Id] = (j with { Version = 0 }, j.Version);
            }

            foreach (var (key, (entity, version)) in now)
            {
                var isNew = !previous.TryGetValue(key, out var before);
                var changed = isNew || !Equals(before.Entity, entity);
                if (changed ? version != farm.LastIndex : version != before.Version)
                {
                    return $"{key} {(changed ? "changed" : "did not change")} at index {farm.LastIndex} but has version {version} (was {(isNew ? "absent" : before.Version)})";
                }
            }

            previous = now;
            return null;
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void Deleted_printers_and_archived_spools_hold_no_open_jobs(DoNotSize<int> seed)
        => Walk(seed.Item, (farm, _, _) =>
        {
            var open = farm.ListPrintJobs().Where(j => j.Status is PrintJobStatus.Queued or PrintJobStatus.Running).ToList();
            if (open.FirstOrDefault(j => j.PrinterId is { } p && farm.FindPrinter(p)!.IsDeleted) is { } onDeleted)
            {
                return $"job {onDeleted.Id} is {onDeleted.Status} on deleted printer {onDeleted.PrinterId}";
            }

            return open.FirstOrDefault(j => farm.FindFilament(j.FilamentId)!.IsArchived) is { } onArchived
                ? $"job {onArchived.Id} is {onArchived.Status} on archived filament {onArchived.FilamentId}"
                : null;
        });

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void Replaying_the_same_log_gives_the_same_state_and_duplicated_entries_change_nothing(DoNotSize<int> seed)
    {
        var log = RandomFarmHistory.Generate(seed.Item, 200).Select(CommandCodec.Encode).ToList();
        var first = new FarmState();
        var second = new FarmState();
        var duplicated = new FarmState();
        for (var k = 1; k <= log.Count; k++)
        {
            // Versions are log indexes, so all three must see each entry at the same index. A command may reach the
            // log twice (a client retrying after NotLeaderException): the copy must be a no-op, as if the log held
            // a checkpoint there instead.
            var entry = log[k - 1];
            first.Apply(CommandCodec.Decode(entry), (2 * k) - 1);
            first.Apply(new Checkpoint(TakeSnapshot: false), 2 * k);
            second.Apply(CommandCodec.Decode(entry), (2 * k) - 1);
            second.Apply(new Checkpoint(TakeSnapshot: false), 2 * k);
            duplicated.Apply(CommandCodec.Decode(entry), (2 * k) - 1);
            duplicated.Apply(CommandCodec.Decode(entry), 2 * k);
        }

        var digest = FarmSnapshotCodec.Digest(first);
        if (FarmSnapshotCodec.Digest(second) != digest || FarmSnapshotCodec.Digest(duplicated) != digest)
        {
            throw new AssertionException(
                $"seed {seed.Item}: digest {digest} once; {FarmSnapshotCodec.Digest(second)} replayed; {FarmSnapshotCodec.Digest(duplicated)} with every entry applied twice");
        }
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void A_snapshot_restores_the_same_state_and_it_evolves_identically(DoNotSize<int> seed)
    {
        var history = RandomFarmHistory.Generate(seed.Item, HistoryLength);
        var split = (int)((uint)seed.Item % HistoryLength);
        var original = new FarmState();
        foreach (var command in history.Take(split))
        {
            original.Apply(command);
        }

        var restored = new FarmState();
        FarmSnapshotCodec.Read(FarmSnapshotCodec.Serialize(original), restored, original.LastIndex);
        if (restored.LastIndex != original.LastIndex || restored.Clock != original.Clock)
        {
            throw new AssertionException($"seed {seed.Item}: restored at index {restored.LastIndex} with clock {restored.Clock:O}; expected {original.LastIndex} and {original.Clock:O}");
        }

        foreach (var (command, step) in history.Select((c, i) => (c, i)).Skip(split))
        {
            var expected = original.Apply(command);
            var actual = restored.Apply(command);

            // A checkpoint answers with the farm itself, which is a different object on each side.
            var same = expected.Kind == actual.Kind && expected.Error == actual.Error
                && (expected.Entity is FarmState || Equals(expected.Entity, actual.Entity));
            if (!same)
            {
                throw new AssertionException($"seed {seed.Item}, snapshot after {split} commands, step {step} ({command}): the original gave {expected}, the restored farm {actual}");
            }
        }

        if (FarmSnapshotCodec.Digest(restored) != FarmSnapshotCodec.Digest(original))
        {
            throw new AssertionException($"seed {seed.Item}, snapshot after {split} commands: the digests differ at the end");
        }
    }

    [Test]
    public void The_generated_histories_exercise_every_outcome()
    {
        var state = new FarmState();
        var outcomes = RandomFarmHistory.Generate(42, 2000).Select(command => (command.Tag, Outcome: state.Apply(command))).ToList();
        var kinds = outcomes.Select(o => o.Outcome.Error?.Code ?? o.Outcome.Kind.ToString()).ToHashSet();
        Assert.That(kinds, Is.SupersetOf(new[]
        {
            "Created", "Updated", "Unchanged", ErrorCodes.DuplicateId, ErrorCodes.UnknownReference, ErrorCodes.InsufficientFilament,
            ErrorCodes.InvalidTransition, ErrorCodes.PrinterBusy, ErrorCodes.NotFound, ErrorCodes.PrinterInMaintenance,
            ErrorCodes.PrinterHasOpenJobs, ErrorCodes.QueueEmpty, ErrorCodes.JobNotQueued, ErrorCodes.JobNotRunning,
            ErrorCodes.JobUnassigned, ErrorCodes.FilamentArchived, ErrorCodes.FilamentHasOpenJobs, ErrorCodes.VersionMismatch,
        }));

        // Every kind of command also gets through: a history where, say, every dispatch is refused tests little.
        var applied = outcomes.Where(o => o.Outcome.Kind is OutcomeKind.Created or OutcomeKind.Updated).Select(o => o.Tag).ToHashSet();
        Assert.That(applied, Is.SupersetOf(Enum.GetValues<CommandTag>().Where(t => t != CommandTag.Checkpoint)));
    }

    /// <summary>
    /// Whether the known instants never go back. An unknown one (null: written before commands carried a time, or
    /// not yet happened) is skipped.
    /// </summary>
    private static bool InOrder(params DateTimeOffset?[] instants)
    {
        DateTimeOffset? last = null;
        foreach (var instant in instants.Where(i => i is not null))
        {
            if (instant < last)
            {
                return false;
            }

            last = instant;
        }

        return true;
    }

    /// <summary>Applies a history at indexes 1, 2, 3...; after each command, <paramref name="check"/> names a violation or returns null.</summary>
    private static void Walk(int seed, Func<FarmState, Command, CommandOutcome, string?> check)
    {
        var farm = new FarmState();
        var step = 0;
        foreach (var command in RandomFarmHistory.Generate(seed, HistoryLength))
        {
            var outcome = farm.Apply(command);
            if (check(farm, command, outcome) is { } violation)
            {
                throw new AssertionException($"seed {seed}, step {step} ({command}) gave {outcome.Error?.Code ?? outcome.Kind.ToString()}: {violation}");
            }

            step++;
        }
    }
}
