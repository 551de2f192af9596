using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Tests.Domain;

/// <summary>
/// A plausible, messy command history from a seed: every command kind, creates, replays, conflicts, bad
/// references, overbooking attempts, every status change valid or not, jobs with and without a printer,
/// If-Match versions both right and stale, corrections in and out of range, and leader stamps that mostly
/// advance but sometimes lag (a new leader with a slower clock) or are missing (an entry from before commands
/// carried a time). A third of the commands carry an Idempotency-Key (a few even without a stamp, which no
/// leader writes but apply must take): a fresh one, an exact retry of a recent keyed command (under a new stamp,
/// as through another leader), or a recent key sent with another request; each history keeps keys for a window
/// small enough that eviction by count or by age happens.
/// </summary>
internal static class RandomFarmHistory
{
    /// <summary>Few keys, or a short age (stamps advance 2.5 s a command on average), or room for all.</summary>
    public static readonly IdempotencyWindow[] Windows =
    [
        new(3, TimeSpan.FromHours(1)),
        new(50, TimeSpan.FromSeconds(8)),
        new(5, TimeSpan.FromSeconds(20)),
        new(1000, TimeSpan.FromHours(1)),
    ];

    private static readonly DateTimeOffset FirstStamp = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static List<Command> Generate(int seed, int length)
    {
        var random = new Random(seed);
        var window = Windows[random.Next(Windows.Length)];

        // Fed the same commands, only to learn the version an If-Match would name: the history is applied at
        // indexes 1, 2, 3... by the properties too, so a "right" version here is right there.
        var shadow = new FarmState();
        var clock = FirstStamp;
        var commands = new List<Command>(length);
        var keyed = new List<Command>();
        for (var i = 0; i < length; i++)
        {
            var command = NextCommand(random, i) with { StampedAt = NextStamp(random, ref clock) };
            if (random.Next(5) == 0 && VersionOfTarget(shadow, command) is { } version)
            {
                command = command with { ExpectedVersion = random.Next(2) == 0 ? version : StaleVersion(random, version) };
            }

            command = WithKey(random, command, keyed, window);
            shadow.Apply(command);
            commands.Add(command);
        }

        return commands;
    }

    private static Command WithKey(Random random, Command command, List<Command> keyed, IdempotencyWindow window)
    {
        var recent = keyed.Count == 0 ? null : keyed[^random.Next(1, Math.Min(keyed.Count, 6) + 1)];
        switch (random.Next(20))
        {
            case < 4:
                // Now and then a leader with other settings: the window travels with the key.
                var fresh = command with { Idempotency = new IdempotencyKey($"key-{keyed.Count}", random.Next(10) == 0 ? Windows[random.Next(Windows.Length)] : window) };
                keyed.Add(fresh);
                return fresh;
            case < 6 when recent is not null:
                return recent with { StampedAt = command.StampedAt };
            case < 7 when recent is not null:
                return command with { Idempotency = recent.Idempotency };
            default:
                return command;
        }
    }

    // Pools grow slowly so long histories keep meeting fresh printers and spools after old ones are deleted or archived.
    private static Command NextCommand(Random random, int step)
    {
        var printer = $"p{random.Next(4 + (step / 200))}";
        var filament = $"f{random.Next(3 + (step / 250))}";
        var job = $"j{random.Next(30 + (step / 20))}";
        return random.Next(45) switch
        {
            < 3 => new CreatePrinter(printer, "Prusa", random.Next(2) == 0 ? "MK4" : "XL"),
            < 5 => new EditPrinter(printer, random.Next(3) == 0 ? "Bambu" : null, random.Next(2) == 0 ? "MK4" : null),
            < 8 => new SetPrinterMaintenance(printer, random.Next(5) < 2),
            < 9 => new DeletePrinter(printer),
            < 13 => new DispatchPrinter(printer),
            < 15 => new CreateFilament(filament, (FilamentType)random.Next(1, 5), "Red", 500m, 500m - (random.Next(0, 3) * 100m))
            {
                SpoolWeightInGrams = random.Next(3) == 0 ? null : 200m + (random.Next(0, 3) * 25m),
                LowStockThresholdInGrams = random.Next(2) == 0 ? null : random.Next(0, 200),
            },
            < 16 => new EditFilament(filament, random.Next(2) == 0 ? (FilamentType)random.Next(1, 5) : null, random.Next(2) == 0 ? "Blue" : null)
            {
                SpoolWeightInGrams = NextPatch(random, 200m + (random.Next(0, 3) * 25m)),
                LowStockThresholdInGrams = NextPatch(random, random.Next(0, 200)),
            },
            < 17 => new ArchiveFilament(filament),
            < 23 => new CreatePrintJob(job, random.Next(4) == 0 ? null : printer, filament, "x.gcode", random.Next(1, 2000) / 10m),
            < 29 => NextStatusChange(random, job),
            < 32 => new AssignPrintJob(job, printer),
            < 36 => new ReportPrintJobProgress(job, random.Next(0, 101)),
            < 39 => new EditPrintJob(job, random.Next(2) == 0 ? "y.gcode" : null, random.Next(3) == 0 ? null : random.Next(1, 2000) / 10m),
            // Corrections are mostly small and readings mostly plausible, so spools keep feeding jobs; now and then
            // one is out of range.
            < 42 => new AdjustFilament(filament, (random.Next(2) == 0 ? -1 : 1) * random.Next(1, random.Next(8) == 0 ? 10_000 : 500) / 10m, random.Next(2) == 0 ? "spilled" : null),
            < 44 => new MeasureFilament(filament, random.Next(8) == 0 ? random.Next(0, 1000) : random.Next(450, 760), random.Next(3) == 0 ? null : 200m + (random.Next(0, 3) * 25m), random.Next(2) == 0 ? "scale" : null),
            _ => new Checkpoint(random.Next(2) == 0),
        };
    }

    /// <summary>A status change; a third of those to Done report what the print really used, sometimes more than the plan.</summary>
    private static ChangePrintJobStatus NextStatusChange(Random random, string job)
    {
        var status = (PrintJobStatus)random.Next(1, 5);
        return status == PrintJobStatus.Done && random.Next(3) == 0
            ? new ChangePrintJobStatus(job, status) { ActualWeightInGrams = random.Next(0, 3000) / 10m }
            : new ChangePrintJobStatus(job, status);
    }

    private static WeightPatch NextPatch(Random random, decimal grams) => random.Next(3) switch
    {
        0 => WeightPatch.Keep,
        1 => WeightPatch.Remove,
        _ => WeightPatch.Set(grams),
    };

    private static DateTimeOffset? NextStamp(Random random, ref DateTimeOffset clock)
    {
        switch (random.Next(20))
        {
            case 0:
                return null;
            case 1 or 2:
                return clock.AddMilliseconds(-random.Next(1, 60_000));
            default:
                // Whole milliseconds, as the leader stamps them: the codecs keep no finer grain.
                clock = clock.AddMilliseconds(random.Next(0, 5_000));
                return clock;
        }
    }

    /// <summary>The version of the entity an If-Match on <paramref name="command"/> names; null if it has none (yet).</summary>
    public static long? VersionOfTarget(FarmState farm, Command command) => command switch
    {
        EditPrinter c => farm.FindPrinter(c.PrinterId)?.Version,
        SetPrinterMaintenance c => farm.FindPrinter(c.PrinterId)?.Version,
        DeletePrinter c => farm.FindPrinter(c.PrinterId)?.Version,
        DispatchPrinter c => farm.FindPrinter(c.PrinterId)?.Version,
        EditFilament c => farm.FindFilament(c.FilamentId)?.Version,
        ArchiveFilament c => farm.FindFilament(c.FilamentId)?.Version,
        AdjustFilament c => farm.FindFilament(c.FilamentId)?.Version,
        MeasureFilament c => farm.FindFilament(c.FilamentId)?.Version,
        ChangePrintJobStatus c => farm.FindPrintJob(c.JobId)?.Version,
        AssignPrintJob c => farm.FindPrintJob(c.JobId)?.Version,
        ReportPrintJobProgress c => farm.FindPrintJob(c.JobId)?.Version,
        EditPrintJob c => farm.FindPrintJob(c.JobId)?.Version,
        _ => null,
    };

    private static long StaleVersion(Random random, long version)
        => version > 1 ? Math.Max(1, version - random.Next(1, 10)) : version + 1;
}
