using System.Diagnostics.Metrics;
using Prometheus;
using Raft3D.Node.Store;
using Raft3D.Node.Store.Events;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Ledger;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Stock;

namespace Raft3D.Node.Observability;

/// <summary>
/// The node's Prometheus registry and the Raft3D metrics in it. One registry per node (not the process-wide
/// default) so that nodes hosted together in one test process never mix their figures. Gauges that mirror
/// state are refreshed just before each scrape, so they cost nothing between scrapes.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    private readonly Gauge isLeader;
    private readonly Gauge term;
    private readonly Gauge commitIndex;
    private readonly Gauge lastAppliedIndex;
    private readonly Gauge members;
    private readonly Gauge membersAvailable;
    private readonly Counter leaderChanges;
    private readonly Counter snapshots;
    private readonly Gauge snapshotSeconds;
    private readonly Gauge snapshotBytes;
    private readonly Counter forwarded;
    private readonly Gauge printers;
    private readonly Gauge printersByState;
    private readonly Gauge filaments;
    private readonly Gauge printJobs;
    private readonly Gauge remainingGrams;
    private readonly Gauge availableGrams;
    private readonly Gauge filamentsLowStock;
    private readonly Gauge ledgerEntries;
    private readonly Gauge idempotencyKeys;
    private readonly Counter idempotentReplays;
    private readonly Gauge eventStreams;
    private readonly Counter eventStreamsDropped;
    private readonly Gauge storageFull;
    private readonly Gauge storageAvailable;
    private readonly Counter storageErrors;
    private readonly StockPolicy stock;
    private readonly IDisposable meterAdapter;
    private readonly RenamingMeterListener renamedInstruments;

    // The process-wide default registry would listen to every meter a second time; nothing here uses it.
    static NodeMetrics() => Metrics.SuppressDefaultMetrics();

    /// <param name="stock">When a spool counts as low: this node's setting, as its API shows it.</param>
    public NodeMetrics(StockPolicy stock)
    {
        this.stock = stock;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);

        // No exemplars: they tie a sample to the trace that recorded it, and the node exports no traces. Looking
        // up the trace context cost every request's metrics and every log append's (a few percent of a write).
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        Factory = factory;
        isLeader = factory.CreateGauge("raft3d_is_leader", "1 while this node is the Raft leader, else 0.");
        term = factory.CreateGauge("raft3d_term", "This node's current Raft term.");
        commitIndex = factory.CreateGauge("raft3d_commit_index", "Index of the last log entry this node knows to be committed.");
        lastAppliedIndex = factory.CreateGauge("raft3d_last_applied_index", "Index of the last log entry applied to this node's state.");
        members = factory.CreateGauge("raft3d_members", "Members in the cluster configuration, this node included.");
        membersAvailable = factory.CreateGauge("raft3d_members_available", "Members this node currently sees as reachable, itself included.");
        leaderChanges = factory.CreateCounter("raft3d_leader_changes_total", "Times this node saw the leader change (including to none).");
        snapshots = factory.CreateCounter("raft3d_snapshots_total", "Snapshots taken locally or installed (from disk or from the leader).", "kind");
        snapshotSeconds = factory.CreateGauge("raft3d_snapshot_duration_seconds", "How long writing this node's last snapshot took (DotNext's final fsync not counted); no entry is applied meanwhile.");
        snapshotBytes = factory.CreateGauge("raft3d_snapshot_size_bytes", "Size of the last snapshot this node wrote.");
        forwarded = factory.CreateCounter("raft3d_forwarded_requests_total", "Writes this node forwarded to the leader, by result.", "result");
        printers = factory.CreateGauge("raft3d_printers", "Printers in this node's state, deleted ones left out.");
        printersByState = factory.CreateGauge("raft3d_printers_by_state", "Printers by state: Idle, Printing, Maintenance.", "state");
        filaments = factory.CreateGauge("raft3d_filaments", "Filament spools in this node's state, archived ones left out.");
        printJobs = factory.CreateGauge("raft3d_print_jobs", "Print jobs in this node's state, by status.", "status");
        remainingGrams = factory.CreateGauge("raft3d_filament_remaining_grams", "Grams left on each spool in this node's state.", "filament_id");
        availableGrams = factory.CreateGauge("raft3d_filament_available_grams", "Grams a new job may still take from each live spool: remaining minus what Queued and Running jobs hold.", "filament_id");
        filamentsLowStock = factory.CreateGauge("raft3d_filaments_low_stock", "Live spools whose available grams are below their low-stock threshold.");
        ledgerEntries = factory.CreateGauge("raft3d_ledger_entries", "Ledger entries in this node's state, by kind: initial, consume, adjust, measure.", "kind");
        idempotencyKeys = factory.CreateGauge("raft3d_idempotency_keys", "Idempotency-Keys this node's state remembers (the window keeps them by count and age).");
        eventStreams = factory.CreateGauge("raft3d_event_streams", "Clients following /api/v1/events on this node now.");
        eventStreamsDropped = factory.CreateCounter("raft3d_event_streams_dropped_total", "Event stream clients this node dropped (after a reset) for falling further behind than Raft3D:Events:ClientBuffer.");
        storageFull = factory.CreateGauge("raft3d_storage_full", "1 while this node stores no log entries because free space in its data directory is below Raft3D:Storage:ReserveKiB (plus the newest snapshot), else 0.");
        storageAvailable = factory.CreateGauge("raft3d_storage_available_bytes", "Free space this node may use on its data directory's file system, as last looked at (every 250 ms); -1 when unknown.");
        storageErrors = factory.CreateCounter("raft3d_storage_errors_total", "I/O errors that said \"no space left on device\": the disk filled faster than the storage guard stepped in, or the guard is off.");
        idempotentReplays = factory.CreateCounter("raft3d_idempotent_replays_total", "Writes this node answered with their kept first answer (Idempotent-Replayed: true): retries that changed nothing.");

        // Labelled series exist from the start, so a rate() over them has a zero to begin from.
        forwarded.WithLabels("ok");
        forwarded.WithLabels("failed");
        snapshots.WithLabels("taken");
        snapshots.WithLabels("installed");

        // DotNext's Raft and WAL meters, ASP.NET Core's and the runtime's, through the same endpoint. MeterAdapter
        // cannot rename, so the instruments it would name against Prometheus' rules ("..._count" gauges) go through
        // RenamingMeterListener instead; every other instrument goes through MeterAdapter, none through both.
        meterAdapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = factory,

            InstrumentFilterPredicate = static instrument => IsExported(instrument) && RenamedInstrument.Rename(instrument) is null,
        });
        renamedInstruments = new RenamingMeterListener(Registry, factory, IsExported);
        DotNetStats.Register(Registry);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Creates the node's metrics in <see cref="Registry"/>, without exemplars.</summary>
    public IMetricFactory Factory { get; }

    /// <summary>
    /// Which .NET meters the endpoint carries. Left out: the runtime's "Private.*" meters (internal diagnostics)
    /// and the ones that record on every request or RPC for what other series already say: ASP.NET Core's
    /// hosting meter (http_request_duration_seconds has it by route), its routing and memory-pool meters
    /// (every match, every buffer rented), its rate limiter's (every lease; raft3d_rate_limited_total counts the
    /// refusals), its authentication and authorization meters (every request; 401 and 403 are in
    /// http_requests_received_total by code) and System.Net.Http's (DotNext's response time covers Raft calls).
    /// Each record goes through prometheus-net's label lookup: together they cost ~20% of read throughput
    /// and several percent of writes.
    /// </summary>
    private static bool IsExported(string meter)
        => !meter.StartsWith("Private.", StringComparison.Ordinal)
           && meter is not ("Microsoft.AspNetCore.Hosting" or "Microsoft.AspNetCore.Routing" or "Microsoft.AspNetCore.MemoryPool" or "Microsoft.AspNetCore.RateLimiting"
               or "Microsoft.AspNetCore.Authentication" or "Microsoft.AspNetCore.Authorization" or "System.Net.Http");

    private static bool IsExported(Instrument instrument) => IsExported(instrument.Meter.Name);

    public void RecordForward(bool succeeded) => forwarded.WithLabels(succeeded ? "ok" : "failed").Inc();

    public void RecordSnapshot(string kind) => snapshots.WithLabels(kind).Inc();

    public void RecordSnapshotTaken(TakenSnapshot taken)
    {
        RecordSnapshot("taken");
        snapshotSeconds.Set(taken.Duration.TotalSeconds);
        snapshotBytes.Set(taken.Bytes);
    }

    public void RecordLeaderChange() => leaderChanges.Inc();

    public void RecordIdempotentReplay() => idempotentReplays.Inc();

    /// <summary>The event stream's figures, read from its journal just before a scrape.</summary>
    public void Refresh(FarmEventJournal journal)
    {
        eventStreams.Set(journal.SubscriberCount);
        eventStreamsDropped.IncTo(journal.DroppedCount);
    }

    /// <summary>Refreshes the state-mirroring gauges; called by the registry before every scrape.</summary>
    public void Refresh(IFarmStore store)
    {
        var progress = store.Progress;
        isLeader.Set(progress.IsLeader ? 1 : 0);
        term.Set(progress.Term);
        commitIndex.Set(progress.CommitIndex);
        lastAppliedIndex.Set(progress.AppliedIndex);
        members.Set(progress.Members);
        membersAvailable.Set(progress.MembersAvailable);

        var (printersInState, spools, liveSpools, jobsByStatus, entriesByKind, keys) = store.Read(static s => (
            s.ListPrinters().Where(p => !p.IsDeleted).GroupBy(s.StateOf).ToDictionary(g => g.Key, g => g.Count()),
            s.ListFilaments(),
            s.PageFilaments(includeArchived: false, lowStock: null, after: -1, limit: int.MaxValue).Items,
            s.ListPrintJobs().GroupBy(j => j.Status).ToDictionary(g => g.Key, g => g.Count()),
            Enum.GetValues<LedgerEntryKind>().ToDictionary(kind => kind, s.LedgerEntryCount),
            s.IdempotencyKeyCount));
        printers.Set(printersInState.Values.Sum());
        foreach (var state in Enum.GetValues<PrinterState>())
        {
            printersByState.WithLabels(state.ToString()).Set(printersInState.GetValueOrDefault(state));
        }

        filaments.Set(spools.Count(spool => !spool.IsArchived));
        foreach (var status in Enum.GetValues<PrintJobStatus>())
        {
            printJobs.WithLabels(status.ToString()).Set(jobsByStatus.GetValueOrDefault(status));
        }

        foreach (var spool in spools)
        {
            remainingGrams.WithLabels(spool.Id).Set((double)spool.RemainingWeightInGrams);
        }

        // Only live spools: an archived one takes no new job, so its series goes rather than lingering.
        var live = liveSpools.Select(view => view.Filament.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var labels in availableGrams.GetAllLabelValues().Where(labels => !live.Contains(labels[0])).ToList())
        {
            availableGrams.RemoveLabelled(labels);
        }

        foreach (var view in liveSpools)
        {
            availableGrams.WithLabels(view.Filament.Id).Set((double)view.AvailableWeightInGrams);
        }

        filamentsLowStock.Set(liveSpools.Count(stock.IsLow));
        foreach (var (kind, count) in entriesByKind)
        {
            ledgerEntries.WithLabels(LedgerEntryKindNames.Of(kind)).Set(count);
        }

        idempotencyKeys.Set(keys);

        var storage = store.Storage;
        storageFull.Set(storage.Full ? 1 : 0);
        storageAvailable.Set(storage.AvailableBytes);
        storageErrors.IncTo(storage.NoSpaceErrors);
    }

    public void Dispose()
    {
        meterAdapter.Dispose();
        renamedInstruments.Dispose();
    }
}
