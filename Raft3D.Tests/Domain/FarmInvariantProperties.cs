using FsCheck;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Ledger;
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
    public void Remaining_weight_never_goes_negative_and_reservations_match_open_jobs_and_never_grow_beyond_it(DoNotSize<int> seed)
    {
        // A correction may take remaining below what jobs hold (available goes negative), but no job or edit may
        // then reserve more.
        var reservedBefore = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Walk(seed.Item, (farm, _, _) =>
        {
            foreach (var filament in farm.ListFilaments())
            {
                var open = farm.ListPrintJobs(filamentId: filament.Id)
                    .Where(j => j.Status is PrintJobStatus.Queued or PrintJobStatus.Running)
                    .Sum(j => j.PrintWeightInGrams);
                var reserved = farm.ReservedGramsOf(filament.Id);
                var grew = reserved > reservedBefore.GetValueOrDefault(filament.Id);
                if (filament.RemainingWeightInGrams < 0m || reserved != open || (grew && reserved > filament.RemainingWeightInGrams))
                {
                    return $"filament {filament.Id}: remaining {filament.RemainingWeightInGrams} g, reserved {reserved} g (was {reservedBefore.GetValueOrDefault(filament.Id)} g), Queued and Running jobs weigh {open} g";
                }

                reservedBefore[filament.Id] = reserved;
            }

            return null;
        });
    }

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

    // Fewer runs: this one serialises the whole farm after every command. A keyed command keeps its key even when
    // refused; what it may change is the subject of the Idempotency-Key property below.
    [FsCheck.NUnit.Property(MaxTest = 50)]
    public void A_rejected_or_unchanged_command_changes_nothing(DoNotSize<int> seed)
    {
        var before = FarmSnapshotCodec.Digest(new FarmState());
        Walk(seed.Item, (farm, command, outcome) =>
        {
            var after = FarmSnapshotCodec.Digest(farm);
            var changed = after != before;
            before = after;
            return changed && command.Idempotency is null && outcome.Kind is OutcomeKind.Rejected or OutcomeKind.Unchanged
                ? $"the outcome was {outcome.Kind} but the digest changed"
                : null;
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void Every_spool_s_ledger_is_append_only_and_sums_to_its_remaining_entry_by_entry(DoNotSize<int> seed)
    {
        var previous = new Dictionary<string, IReadOnlyList<LedgerEntry>>(StringComparer.Ordinal);
        Walk(seed.Item, (farm, _, _) =>
        {
            var counts = new long[Enum.GetValues<LedgerEntryKind>().Length + 1];
            foreach (var filament in farm.ListFilaments())
            {
                var ledger = farm.LedgerOf(filament.Id);
                var sum = 0m;
                for (var sequence = 0; sequence < ledger.Count; sequence++)
                {
                    var entry = ledger[sequence];
                    sum += entry.Grams;
                    counts[(int)entry.Kind]++;
                    if (entry.Sequence != sequence || entry.RemainingAfter != sum || (entry.Kind == LedgerEntryKind.Initial) != (sequence == 0))
                    {
                        return $"filament {filament.Id}: entry {sequence} is {entry}, but the entries up to it sum to {sum} g";
                    }
                }

                if (sum != filament.RemainingWeightInGrams || sum < 0m || sum > filament.TotalWeightInGrams)
                {
                    return $"filament {filament.Id}: remaining {filament.RemainingWeightInGrams} g of {filament.TotalWeightInGrams} g, ledger sum {sum} g";
                }

                if (farm.Verify(filament.Id) is not { Ok: true })
                {
                    return $"filament {filament.Id} does not verify: {string.Join(" ", farm.Verify(filament.Id)!.Problems)}";
                }

                if (previous.TryGetValue(filament.Id, out var before) && !ledger.Take(before.Count).SequenceEqual(before))
                {
                    return $"filament {filament.Id}: an entry written before changed";
                }

                previous[filament.Id] = ledger;
            }

            var byKind = Enum.GetValues<LedgerEntryKind>().FirstOrDefault(kind => farm.LedgerEntryCount(kind) != counts[(int)kind]);
            return byKind == default ? null : $"{farm.LedgerEntryCount(byKind)} {byKind} entries counted, {counts[(int)byKind]} in the ledgers";
        });
    }

    /// <summary>
    /// The promise of a key, judged against the history's own book of first requests: while the key is kept,
    /// the same request answers the first outcome as a replay and another request is refused, and neither
    /// changes the farm beyond the keys its window evicts; a request whose key is new (or forgotten) is applied
    /// and kept, and if refused or without effect it changes nothing but the kept keys and the clock.
    /// </summary>
    [FsCheck.NUnit.Property(MaxTest = 50)]
    public void A_kept_key_answers_its_first_outcome_to_the_same_request_and_refuses_another_and_neither_changes_the_farm(DoNotSize<int> seed)
    {
        var farm = new FarmState();
        var firstRequests = new Dictionary<string, Command>(StringComparer.Ordinal);
        var step = 0;
        foreach (var command in RandomFarmHistory.Generate(seed.Item, HistoryLength))
        {
            if (command.Idempotency is not { } key || CommandValidator.Validate(command) is not null)
            {
                farm.Apply(command);
                step++;
                continue;
            }

            // The farm as it should be if the command changes nothing: this one's window applied to the kept keys.
            var unchanged = Copy(farm);
            unchanged.IdempotencyKeys.Evict(TimeOf(command, farm), key.Window);
            var kept = unchanged.FindIdempotencyKey(key.Value);
            var entitiesBefore = EntitiesDigest(farm);
            var outcome = farm.Apply(command);
            var request = command with { StampedAt = null, Idempotency = null };
            string? violation;
            if (kept is null)
            {
                firstRequests[key.Value] = request;
                violation = outcome.IsReplay || farm.FindIdempotencyKey(key.Value)?.Outcome != outcome
                    ? $"the key was not kept, yet the outcome is {outcome} and the record {farm.FindIdempotencyKey(key.Value)}"
                    : outcome.Kind is OutcomeKind.Rejected or OutcomeKind.Unchanged && EntitiesDigest(farm) != entitiesBefore
                        ? $"a first request answered {outcome.Kind} but changed an entity or a ledger"
                        : null;
            }
            else if (firstRequests[key.Value] == request)
            {
                violation = outcome != kept.Outcome with { IsReplay = true }
                    ? $"a retry answered {outcome}, the first request {kept.Outcome}"
                    : FarmSnapshotCodec.Digest(farm) != FarmSnapshotCodec.Digest(unchanged) ? "a retry changed the farm" : null;
            }
            else
            {
                violation = outcome.Error?.Code != ErrorCodes.IdempotencyKeyReused
                    ? $"the key of {firstRequests[key.Value]} was reused and answered {outcome}"
                    : FarmSnapshotCodec.Digest(farm) != FarmSnapshotCodec.Digest(unchanged) ? "a reused key changed the farm" : null;
            }

            if (violation is not null)
            {
                throw new AssertionException($"seed {seed.Item}, step {step} ({command}): {violation}");
            }

            step++;
        }
    }

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public void The_kept_keys_never_exceed_the_window_s_count_or_age_and_stay_oldest_first(DoNotSize<int> seed)
    {
        var farm = new FarmState();
        var step = 0;
        foreach (var command in RandomFarmHistory.Generate(seed.Item, HistoryLength))
        {
            var now = TimeOf(command, farm);
            var countBefore = farm.IdempotencyKeyCount;
            var outcome = farm.Apply(command);
            var records = farm.IdempotencyKeys.Records.ToList();
            var outOfOrder = records.Zip(records.Skip(1)).FirstOrDefault(pair => pair.First.At > pair.Second.At || pair.First.Index >= pair.Second.Index);
            var violation = command.Idempotency is not { Window: var window } || outcome.Error?.Code == ErrorCodes.ValidationFailed
                ? farm.IdempotencyKeyCount != countBefore ? "a command without a valid key changed the kept keys" : null
                : records.Count > window.MaxKeys
                    ? $"{records.Count} keys kept under a window of {window.MaxKeys}"
                    : records.FirstOrDefault(r => now is not null && (r.At is null || now - r.At > window.MaxAge)) is { } old
                        ? $"key {old.Key} kept at {old.At:O} is older than {window.MaxAge} at {now:O}"
                        : null;
            if ((violation ?? (outOfOrder.First is null ? null : $"key {outOfOrder.First.Key} is kept before the older {outOfOrder.Second.Key}")) is { } found)
            {
                throw new AssertionException($"seed {seed.Item}, step {step} ({command}) gave {outcome.Error?.Code ?? outcome.Kind.ToString()}: {found}");
            }

            step++;
        }
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

            // A replay answers what the first request did, when the version was another.
            if (!outcome.IsReplay && command.ExpectedVersion is { } expected && version is { } current && (expected == current ? mismatched : applied))
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
            // Keeping a key is a change too, even for a refused command; a replay or a reused key keeps none.
            var keptKey = command.Idempotency is not null && outcome.Error?.Code is not (ErrorCodes.ValidationFailed or ErrorCodes.IdempotencyKeyReused) && !outcome.IsReplay;
            var changed = !outcome.IsReplay && (keptKey || outcome.Kind is OutcomeKind.Created or OutcomeKind.Updated);
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
                // A spool's history is part of it: a reading that agrees with the record is still a change.
                now["filament " + f.Id] = ((f with { Version = 0 }, farm.LedgerOf(f.Id).Count), f.Version);
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
            // a checkpoint there instead. Not so a correction without a key: "take 5 g" twice is two corrections,
            // and only an Idempotency-Key says they are one (the client always sends one).
            var entry = log[k - 1];
            var command = CommandCodec.Decode(entry);
            var retrySafe = command.Idempotency is not null || command is not (AdjustFilament or MeasureFilament);
            first.Apply(command, (2 * k) - 1);
            first.Apply(new Checkpoint(TakeSnapshot: false), 2 * k);
            second.Apply(CommandCodec.Decode(entry), (2 * k) - 1);
            second.Apply(new Checkpoint(TakeSnapshot: false), 2 * k);
            duplicated.Apply(CommandCodec.Decode(entry), (2 * k) - 1);
            duplicated.Apply(retrySafe ? CommandCodec.Decode(entry) : new Checkpoint(TakeSnapshot: false), 2 * k);
        }

        var digest = FarmSnapshotCodec.Digest(first);
        if (FarmSnapshotCodec.Digest(second) != digest || FarmSnapshotCodec.Digest(duplicated) != digest)
        {
            throw new AssertionException(
                $"seed {seed.Item}: digest {digest} once; {FarmSnapshotCodec.Digest(second)} replayed; {FarmSnapshotCodec.Digest(duplicated)} with every entry applied twice");
        }
    }

    /// <summary>
    /// Kept keys and their outcomes, and the eviction to come, survive a snapshot: a node restored anywhere in a
    /// history answers every later command (retries included) as the node that never stopped.
    /// </summary>
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
            var same = expected.Kind == actual.Kind && expected.Error == actual.Error && expected.IsReplay == actual.IsReplay
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
            ErrorCodes.IdempotencyKeyReused, ErrorCodes.WeightOutOfRange, ErrorCodes.SpoolWeightUnknown,
        }));

        // Keys are retried while kept, and forgotten: more fresh keys were kept than the farm holds at the end.
        Assert.That(outcomes.Count(o => o.Outcome.IsReplay), Is.GreaterThan(20));
        Assert.That(outcomes.Count(o => o.Outcome.IsReplay && o.Outcome.IsRejected), Is.Positive, "refusals are replayed too");
        Assert.That(RandomFarmHistory.Generate(42, 2000).Select(c => c.Idempotency?.Value).OfType<string>().Distinct().Count(), Is.GreaterThan(state.IdempotencyKeyCount + 100));

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

    /// <summary>The time apply gives <paramref name="command"/>: its stamp, never before the farm's clock.</summary>
    private static DateTimeOffset? TimeOf(Command command, FarmState farm)
        => command.StampedAt is { } stamp && (farm.Clock is null || stamp > farm.Clock) ? stamp : farm.Clock;

    private static FarmState Copy(FarmState farm)
    {
        var copy = new FarmState();
        FarmSnapshotCodec.Read(FarmSnapshotCodec.Serialize(farm), copy, farm.LastIndex);
        return copy;
    }

    /// <summary>The digest of the entities and ledgers alone: what a command changes apart from kept keys and the clock.</summary>
    private static string EntitiesDigest(FarmState farm)
    {
        var entities = new FarmState();
        entities.Load(0, null, farm.Printers.Rows, farm.Filaments.Rows, farm.PrintJobs.Rows, farm.Filaments.Rows.SelectMany(f => farm.LedgerOf(f.Id)), []);
        return FarmSnapshotCodec.Digest(entities);
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
