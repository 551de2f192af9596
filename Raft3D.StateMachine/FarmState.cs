using Raft3D.StateMachine.Changes;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Idempotency;
using Raft3D.StateMachine.Ledger;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Stock;

namespace Raft3D.StateMachine;

/// <summary>
/// The whole farm in memory, and the one place commands change it. Pure and single-threaded:
/// no clock, no randomness, no I/O, so every node that applies the same log reaches the same state.
/// Time comes from the command (the leader stamped it), versions from the log index it was applied at.
/// Callers serialise access (see <see cref="FarmStateMachine"/>).
/// </summary>
public sealed class FarmState
{
    private LogEra era = LogEra.Current;

    internal OrderedTable<Printer> Printers { get; } = new(static p => p.Id);

    internal OrderedTable<Filament> Filaments { get; } = new(static f => f.Id);

    internal OrderedTable<PrintJob> PrintJobs { get; } = new(static j => j.Id);

    /// <summary>Grams held by Queued and Running jobs per filament: derived, rebuilt after a snapshot.</summary>
    internal Dictionary<string, decimal> ReservedGrams { get; } = new(StringComparer.Ordinal);

    /// <summary>The Running job of each busy printer: derived, rebuilt after a snapshot.</summary>
    internal Dictionary<string, string> RunningJobByPrinter { get; } = new(StringComparer.Ordinal);

    /// <summary>Each printer's queue and the unassigned one: derived, rebuilt after a snapshot.</summary>
    internal PrintQueues Queues { get; } = new();

    /// <summary>Every spool's ledger: stored, carried in snapshots.</summary>
    internal SpoolLedgers Ledgers { get; } = new();

    /// <summary>The Idempotency-Keys of the current window: stored, carried in snapshots.</summary>
    internal IdempotencyKeyTable IdempotencyKeys { get; } = new();

    /// <summary>Labels many rows repeat (company, model, colour), kept once.</summary>
    private SharedStrings Labels { get; set; } = new();

    /// <summary>Jobs' file paths, kept once each, in a pool of their own (see <see cref="SharedStrings.ForFilePaths"/>).</summary>
    private SharedStrings FilePaths { get; set; } = SharedStrings.ForFilePaths();

    /// <summary>What the command being applied touches, for those who follow the farm live.</summary>
    internal ChangeRecorder Recorder { get; } = new();

    /// <summary>The key of the command being applied, for the ledger entries it makes.</summary>
    internal string? CurrentKey { get; private set; }

    /// <summary>Rows a snapshot writes (entities, ledger entries, kept keys): what a snapshot's cost grows with.</summary>
    public long StoredRows => Printers.Count + Filaments.Count + PrintJobs.Count + Ledgers.Count + IdempotencyKeys.Count;

    /// <summary>
    /// The log index of the last command applied; the version anything it changes gets (see
    /// <see cref="ChangeVersion"/>). Not in the snapshot: the snapshot's own index says it.
    /// </summary>
    public long LastIndex { get; private set; }

    /// <summary>
    /// The farm's clock: the newest leader stamp of a command that changed something (if only by keeping its
    /// Idempotency-Key). A new leader whose clock lags the old one's cannot make time run backwards (a job
    /// finishing before it started), because a stamp older than this is raised to it.
    /// </summary>
    public DateTimeOffset? Clock { get; private set; }

    /// <summary>The time of the command being applied: its stamp, never before <see cref="Clock"/>.</summary>
    internal DateTimeOffset? Now { get; private set; }

    /// <summary>
    /// The version what the command being applied changes gets: its log index, or 0 for an entry written in
    /// format 1 (see <see cref="ApplyUnversioned"/>).
    /// </summary>
    internal long ChangeVersion => era == LogEra.BeforeVersions ? 0L : LastIndex;

    /// <summary>
    /// The index a job's creation or start, or a spool's initial ledger entry, records: 0 for entries from before
    /// the history was kept (see <see cref="LogEra.BeforeLedger"/>).
    /// </summary>
    internal long HistoryIndex => era == LogEra.Current ? LastIndex : 0L;

    /// <summary>
    /// Where a job joining a queue now goes: after everything queued before. The log index, which only grows;
    /// for a format 1 entry, the job's place in creation order, which is what a format 1 snapshot restores, and
    /// which is below every later log index.
    /// </summary>
    internal long NextQueueTicket => era == LogEra.BeforeVersions ? PrintJobs.Count : LastIndex;

    /// <summary>Applies <paramref name="command"/> as the next entry after <see cref="LastIndex"/>: for tests and tools.</summary>
    public CommandOutcome Apply(Command command) => Apply(command, LastIndex + 1);

    /// <summary>
    /// Applies a log entry written in command format 1, before entities had versions. What it changes gets
    /// version 0 and no time, exactly what a format 1 snapshot restores; so a node that replays old entries and
    /// a node that loaded them from an old snapshot (taken at another index) reach the same state and the same
    /// ETags.
    /// </summary>
    public CommandOutcome ApplyUnversioned(Command command, long index) => Apply(command, index, LogEra.BeforeVersions);

    /// <summary>Applies <paramref name="command"/>, which the log holds at <paramref name="index"/>.</summary>
    public CommandOutcome Apply(Command command, long index) => Apply(command, index, LogEra.Current);

    /// <summary>Applies an entry written in the format of <paramref name="entryEra"/> (see <see cref="LogEra"/>).</summary>
    public CommandOutcome Apply(Command command, long index, LogEra entryEra)
    {
        era = entryEra;
        Recorder.Begin();
        try
        {
            LastIndex = Math.Max(LastIndex, index);
            Now = command.StampedAt is { } stamp && (Clock is null || stamp > Clock) ? stamp : Clock;
            if (CommandValidator.Validate(command) is { } error)
            {
                return CommandOutcome.Rejected(error.Code, error.Detail);
            }

            return command.Idempotency is { } key ? ApplyOnce(command, key) : ApplyRules(command);
        }
        finally
        {
            era = LogEra.Current;
            CurrentKey = null;
            Recorder.End();
        }
    }

    /// <summary>
    /// A command with an Idempotency-Key: the first time, applied and its outcome kept with the key; again with
    /// the same request, that outcome, marked a replay, and nothing changes; with another request, refused.
    /// </summary>
    private CommandOutcome ApplyOnce(Command command, IdempotencyKey key)
    {
        IdempotencyKeys.Evict(Now, key.Window);
        // Carried by every entry from the log; computed here only for commands applied straight from memory (tests, tools).
        var fingerprint = key.Fingerprint ?? IdempotencyFingerprint.Of(command);
        if (IdempotencyKeys.Find(key.Value) is { } seen)
        {
            return seen.Fingerprint == fingerprint
                ? seen.Outcome with { IsReplay = true }
                : CommandOutcome.Rejected(
                    ErrorCodes.IdempotencyKeyReused,
                    $"Idempotency-Key '{key.Value}' was first used at log index {seen.Index} for a different request (other fields, values or If-Match); a key names one request. Send a new key for a new request.");
        }

        CurrentKey = key.Value;
        var outcome = ApplyRules(command);
        IdempotencyKeys.Add(new IdempotencyRecord(key.Value, fingerprint, LastIndex, Now, outcome));

        // Keeping the key changed the farm, even if the command was refused, so it moves the clock: a later
        // key, even under a lagging leader's stamp, is then never kept as older than this one, the table stays
        // oldest first, and eviction by age, which stops at the first key young enough, never skips one.
        Clock = Now;
        IdempotencyKeys.Evict(Now, key.Window);
        return outcome;
    }

    private CommandOutcome ApplyRules(Command command)
    {
        var outcome = command switch
        {
            CreatePrinter c => CreatePrinterHandler.Apply(this, c),
            EditPrinter c => EditPrinterHandler.Apply(this, c),
            SetPrinterMaintenance c => SetPrinterMaintenanceHandler.Apply(this, c),
            DeletePrinter c => DeletePrinterHandler.Apply(this, c),
            DispatchPrinter c => DispatchPrinterHandler.Apply(this, c),
            CreateFilament c => CreateFilamentHandler.Apply(this, c),
            EditFilament c => EditFilamentHandler.Apply(this, c),
            ArchiveFilament c => ArchiveFilamentHandler.Apply(this, c),
            CreatePrintJob c => CreatePrintJobHandler.Apply(this, c),
            ChangePrintJobStatus c => ChangePrintJobStatusHandler.Apply(this, c),
            AssignPrintJob c => AssignPrintJobHandler.Apply(this, c),
            ReportPrintJobProgress c => ReportPrintJobProgressHandler.Apply(this, c),
            EditPrintJob c => EditPrintJobHandler.Apply(this, c),
            AdjustFilament c => AdjustFilamentHandler.Apply(this, c),
            MeasureFilament c => MeasureFilamentHandler.Apply(this, c),
            Checkpoint => CommandOutcome.Unchanged(this),
            _ => throw new InvalidOperationException($"No handler for command {command.Tag}."),
        };

        // A refused or repeated command leaves no trace, not even on the clock (unless its key is kept: ApplyOnce).
        if (outcome.Kind is OutcomeKind.Created or OutcomeKind.Updated)
        {
            Clock = Now;
        }

        // The proposer answers with what the farm derives too (state, queue position), read at this very entry.
        return outcome.Entity is { } entity and not FarmState ? outcome with { Entity = Describe(entity) } : outcome;
    }

    /// <summary>
    /// What the last applied command changed, each entity as it stands now (a deleted printer too) and each new
    /// ledger entry; empty if it was refused, replayed or changed nothing.
    /// </summary>
    public IReadOnlyList<FarmChange> ChangesOfLastApply()
        => [.. Recorder.Touched.Select(t => new FarmChange(t.Kind, t.Kind switch
        {
            FarmChangeKind.Printer => Describe(Printers.Find(t.Id)!),
            FarmChangeKind.Filament => Describe(Filaments.Find(t.Id)!),
            FarmChangeKind.PrintJob => Describe(PrintJobs.Find(t.Id)!),
            _ => (object)t.Entry!,
        }))];

    /// <summary>Every printer in creation order, deleted ones included: the stored rows, for tests, metrics and checks.</summary>
    public IReadOnlyList<Printer> ListPrinters() => [.. Printers.Rows];

    /// <summary>The stored printer, deleted or not; see <see cref="DescribePrinter"/> for what the API shows.</summary>
    public Printer? FindPrinter(string id) => Printers.Find(id);

    /// <summary>Every spool in creation order, archived ones included.</summary>
    public IReadOnlyList<Filament> ListFilaments() => [.. Filaments.Rows];

    /// <summary>A spool, archived or not (an archived spool is still read for history).</summary>
    public Filament? FindFilament(string id) => Filaments.Find(id);

    /// <summary>A job without its derived queue position; see <see cref="DescribePrintJob"/>.</summary>
    public PrintJob? FindPrintJob(string id) => PrintJobs.Find(id);

    /// <summary>Every job in creation order that matches the filters (null: any).</summary>
    public IReadOnlyList<PrintJob> ListPrintJobs(PrintJobStatus? status = null, string? printerId = null, string? filamentId = null)
        => [.. PrintJobs.Rows.Where(new PrintJobFilter(status, printerId, filamentId).Matches)];

    /// <summary>A live printer with its state and queue; null if it never existed or was deleted.</summary>
    public PrinterView? DescribePrinter(string id) => Printers.Find(id) is { IsDeleted: false } printer ? Describe(printer) : null;

    /// <summary>A job with its place in its queue.</summary>
    public PrintJobView? DescribePrintJob(string id) => PrintJobs.Find(id) is { } job ? Describe(job) : null;

    /// <summary>Live printers in creation order, optionally only those in <paramref name="state"/>.</summary>
    public Page<PrinterView> PagePrinters(PrinterState? state, int after, int limit)
        => Printers.Page(p => !p.IsDeleted && (state is null || StateOf(p) == state), Describe, after, limit);

    /// <summary>A spool with its reservations, archived or not; null if it never existed.</summary>
    public FilamentView? DescribeFilament(string id) => Filaments.Find(id) is { } filament ? Describe(filament) : null;

    /// <summary>
    /// Spools in creation order; archived ones only if <paramref name="includeArchived"/>; only those low on
    /// stock by <paramref name="lowStock"/> if it is given.
    /// </summary>
    public Page<FilamentView> PageFilaments(bool includeArchived, StockPolicy? lowStock, int after, int limit)
        => Filaments.Page(
            f => (includeArchived || !f.IsArchived) && (lowStock is null || lowStock.IsLow(Describe(f))),
            Describe,
            after,
            limit);

    /// <summary>Live spools and waiting jobs summed by type and colour.</summary>
    public IReadOnlyList<StockGroup> Stock(StockPolicy policy) => StockReport.Of(this, policy);

    /// <summary>A spool's ledger, newest first; <paramref name="before"/> is the cursor (-1: from the newest).</summary>
    public Page<LedgerEntry> PageLedger(string filamentId, int before, int limit) => Ledgers.Page(filamentId, before, limit);

    /// <summary>A spool's whole ledger, oldest first, as far as it reached at <paramref name="upToIndex"/>: for exports.</summary>
    public IReadOnlyList<LedgerEntry> LedgerOf(string filamentId, long upToIndex = long.MaxValue)
        => [.. Ledgers.Of(filamentId).TakeWhile(e => e.Index <= upToIndex)];

    /// <summary>How many ledger entries of <paramref name="kind"/> the farm holds.</summary>
    public long LedgerEntryCount(LedgerEntryKind kind) => Ledgers.CountOf(kind);

    /// <summary>The spool's stored numbers checked against its ledger and its jobs; null if it never existed.</summary>
    public LedgerVerification? Verify(string filamentId) => Filaments.Find(filamentId) is { } filament ? LedgerAudit.Verify(this, filament) : null;

    /// <summary>The Idempotency-Keys the farm remembers now.</summary>
    public int IdempotencyKeyCount => IdempotencyKeys.Count;

    /// <summary>The kept record of a key, or null if never seen or evicted.</summary>
    public IdempotencyRecord? FindIdempotencyKey(string key) => IdempotencyKeys.Find(key);

    /// <summary>Jobs in creation order that match <paramref name="filter"/>, with their queue positions.</summary>
    public Page<PrintJobView> PagePrintJobs(PrintJobFilter filter, int after, int limit)
        => PrintJobs.Page(filter.Matches, Describe, after, limit);

    /// <summary>Grams the spool's Queued and Running jobs hold.</summary>
    public decimal ReservedGramsOf(string filamentId) => ReservedGrams.GetValueOrDefault(filamentId);

    /// <summary>Grams a new job may still take from the spool: remaining minus what open jobs hold.</summary>
    public decimal AvailableGramsOf(Filament filament) => filament.RemainingWeightInGrams - ReservedGramsOf(filament.Id);

    /// <summary>How many Queued jobs wait for the printer (null: in the unassigned queue).</summary>
    public int QueueLengthOf(string? printerId) => Queues.CountOf(printerId);

    /// <summary>Maintenance if an operator set it, else Printing while it has a Running job, else Idle.</summary>
    public PrinterState StateOf(Printer printer) => printer.InMaintenance
        ? PrinterState.Maintenance
        : RunningJobByPrinter.ContainsKey(printer.Id) ? PrinterState.Printing : PrinterState.Idle;

    internal PrinterView Describe(Printer printer)
        => new(printer, StateOf(printer), RunningJobByPrinter.GetValueOrDefault(printer.Id), Queues.CountOf(printer.Id));

    internal PrintJobView Describe(PrintJob job) => new(job, Queues.PositionOf(job));

    internal FilamentView Describe(Filament filament) => new(filament, ReservedGramsOf(filament.Id));

    internal object Describe(object entity) => entity switch
    {
        Printer p => Describe(p),
        PrintJob j => Describe(j),
        Filament f => Describe(f),
        _ => entity,
    };

    /// <summary>A printer that exists and was not deleted.</summary>
    internal Printer? LivePrinter(string id) => Printers.Find(id) is { IsDeleted: false } printer ? printer : null;

    /// <summary>Marks a printer changed by the command being applied: its queue, job or fields.</summary>
    internal Printer TouchPrinter(Printer printer)
    {
        var touched = printer with { Version = ChangeVersion, UpdatedAt = Now };
        Printers.Replace(touched);
        Recorder.Entity(FarmChangeKind.Printer, touched.Id);
        return touched;
    }

    internal void TouchPrinter(string? printerId)
    {
        if (printerId is not null && Printers.Find(printerId) is { } printer)
        {
            TouchPrinter(printer);
        }
    }

    internal Filament TouchFilament(Filament filament)
    {
        var touched = filament with { Version = ChangeVersion, UpdatedAt = Now };
        Filaments.Replace(touched);
        Recorder.Entity(FarmChangeKind.Filament, touched.Id);
        return touched;
    }

    /// <summary>
    /// Changes a spool's remaining weight by <paramref name="grams"/> and writes the ledger entry that says why:
    /// the one way remaining changes after creation, so the ledger always sums to it.
    /// </summary>
    internal Filament ChangeRemaining(Filament filament, LedgerEntryKind kind, decimal grams, string? jobId = null, string? reason = null)
    {
        var changed = TouchFilament(filament with { RemainingWeightInGrams = filament.RemainingWeightInGrams + grams });

        // A consumption keeps its index even from a format 2 entry: a Done job's version says it, so an old
        // snapshot can rebuild the same entry (see LogEra).
        var index = kind == LedgerEntryKind.Consume ? ChangeVersion : HistoryIndex;
        var entry = new LedgerEntry(filament.Id, Ledgers.Of(filament.Id).Count, kind, grams, changed.RemainingWeightInGrams, index, Now)
        {
            JobId = jobId,
            IdempotencyKey = CurrentKey,
            Reason = reason,
        };

        // A format 1 snapshot cannot tell in which order a spool's jobs finished, so reading one files their
        // consumptions in the order the jobs were created (LedgerRows.FromHistory). Replayed format 1 entries file
        // them so too, or nodes whose old snapshots were cut at different indexes would disagree on the ledger.
        if (era == LogEra.BeforeVersions && jobId is not null)
        {
            Ledgers.Insert(entry, InCreationOrder(filament.Id, jobId));
        }
        else
        {
            Ledgers.Add(entry);
        }

        Recorder.LedgerEntry(entry);
        return changed;
    }

    /// <summary>
    /// Where a format 1 consumption of <paramref name="jobId"/> goes: before those at its spool's end of jobs
    /// created after it. Format 1 entries precede all others, so those are the spool's format 1 consumptions.
    /// </summary>
    private int InCreationOrder(string filamentId, string jobId)
    {
        var entries = Ledgers.Of(filamentId);
        var created = PrintJobs.PositionOf(jobId);
        var at = entries.Count;
        while (at > 0 && entries[at - 1] is { Kind: LedgerEntryKind.Consume, Index: 0, JobId: { } other } && PrintJobs.PositionOf(other) > created)
        {
            at--;
        }

        return at;
    }

    /// <summary>A new spool's first ledger entry: the weight it came with.</summary>
    internal void OpenLedger(Filament filament)
    {
        var entry = new LedgerEntry(filament.Id, 0, LedgerEntryKind.Initial, filament.RemainingWeightInGrams, filament.RemainingWeightInGrams, HistoryIndex, Now)
        {
            IdempotencyKey = CurrentKey,
        };
        Ledgers.Add(entry);
        Recorder.LedgerEntry(entry);
    }

    internal void AddPrinter(Printer printer)
    {
        Printers.Add(Compact(printer));
        Recorder.Entity(FarmChangeKind.Printer, printer.Id);
    }

    internal void AddFilament(Filament filament)
    {
        Filaments.Add(Compact(filament));
        Recorder.Entity(FarmChangeKind.Filament, filament.Id);
    }

    internal void AddPrintJob(PrintJob job)
    {
        PrintJobs.Add(Compact(job));
        Recorder.Entity(FarmChangeKind.PrintJob, job.Id);
    }

    // The row as stored: its repeated strings shared (see SharedStrings), equal to what was given; the same
    // instance when it shares them already (a row just read from a snapshot).
    private Printer Compact(Printer printer)
    {
        var company = Labels.Share(printer.Company);
        var model = Labels.Share(printer.Model);
        return ReferenceEquals(company, printer.Company) && ReferenceEquals(model, printer.Model) ? printer : printer with { Company = company, Model = model };
    }

    private Filament Compact(Filament filament)
    {
        var color = Labels.Share(filament.Color);
        return ReferenceEquals(color, filament.Color) ? filament : filament with { Color = color };
    }

    private PrintJob Compact(PrintJob job)
    {
        var printerId = job.PrinterId is { } id ? Printers.Find(id)?.Id ?? id : null;
        var filamentId = Filaments.Find(job.FilamentId)?.Id ?? job.FilamentId;

        var filepath = FilePaths.Share(job.Filepath);
        return ReferenceEquals(printerId, job.PrinterId) && ReferenceEquals(filamentId, job.FilamentId) && ReferenceEquals(filepath, job.Filepath)
            ? job
            : job with { PrinterId = printerId, FilamentId = filamentId, Filepath = filepath };
    }

    internal PrintJob ReplaceJob(PrintJob job)
    {
        var touched = job with { Version = ChangeVersion };
        PrintJobs.Replace(touched);
        Recorder.Entity(FarmChangeKind.PrintJob, touched.Id);
        return touched;
    }

    /// <summary>Replaces everything with the given entities, as after installing a snapshot.</summary>
    internal void Load(
        long lastIndex,
        DateTimeOffset? clock,
        IEnumerable<Printer> printers,
        IEnumerable<Filament> filaments,
        IEnumerable<PrintJob> jobs,
        IEnumerable<LedgerEntry> ledger,
        IEnumerable<IdempotencyRecord> keys,
        SharedStrings? labels = null,
        SharedStrings? filePaths = null)
    {
        Printers.Clear();
        Filaments.Clear();
        PrintJobs.Clear();
        ReservedGrams.Clear();
        RunningJobByPrinter.Clear();
        Queues.Clear();
        Ledgers.Clear();
        IdempotencyKeys.Clear();
        // The reader's pool: the rows already hold its strings, so storing them copies nothing.
        Labels = labels ?? new();
        FilePaths = filePaths ?? SharedStrings.ForFilePaths();
        LastIndex = lastIndex;
        Clock = clock;
        ReserveFor(Printers, printers);
        ReserveFor(Filaments, filaments);
        ReserveFor(PrintJobs, jobs);
        foreach (var printer in printers)
        {
            Printers.Add(Compact(printer));
        }

        foreach (var filament in filaments)
        {
            Filaments.Add(Compact(filament));
        }

        foreach (var job in jobs)
        {
            var compact = Compact(job);
            PrintJobs.Add(compact);
            TrackOpenJob(compact);
        }

        foreach (var entry in ledger)
        {
            Ledgers.Add(entry);
        }

        foreach (var record in keys)
        {
            IdempotencyKeys.Add(record);
        }
    }

    private static void ReserveFor<T>(OrderedTable<T> table, IEnumerable<T> rows)
        where T : class
    {
        if (rows.TryGetNonEnumeratedCount(out var count))
        {
            table.Reserve(count);
        }
    }

    internal void TrackOpenJob(PrintJob job)
    {
        if (PrintJobTransitions.ReservesFilament(job.Status))
        {
            Reserve(job.FilamentId, job.PrintWeightInGrams);
        }

        if (job.Status == PrintJobStatus.Queued)
        {
            Queues.Enqueue(job);
        }

        if (job.Status == PrintJobStatus.Running && job.PrinterId is not null)
        {
            RunningJobByPrinter[job.PrinterId] = job.Id;
        }
    }

    internal void ReleaseReservation(PrintJob job) => Reserve(job.FilamentId, -job.PrintWeightInGrams);

    /// <summary>Changes what open jobs hold of a spool: its reserved and available grams, not its version.</summary>
    internal void Reserve(string filamentId, decimal grams)
    {
        Recorder.Entity(FarmChangeKind.Filament, filamentId);

        // Canonical, because the sum is derived: a node that rebuilt it from a snapshot added the same jobs in
        // another order, and 345.5 + 0.50 keeps a trailing zero that 0.50 + 345.5 - 0.5 + 0.5 may not. Kept
        // outcomes (and so the state digest) and the API's JSON must not depend on that order.
        var left = Grams.Canonical(ReservedGramsOf(filamentId) + grams);
        if (left == 0m)
        {
            ReservedGrams.Remove(filamentId);
        }
        else
        {
            ReservedGrams[filamentId] = left;
        }
    }
}
