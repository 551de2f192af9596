using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Tests.Domain;

/// <summary>
/// A plausible, messy command history from a seed: every command kind, creates, replays, conflicts, bad
/// references, overbooking attempts, every status change valid or not, jobs with and without a printer,
/// If-Match versions both right and stale, and leader stamps that mostly advance but sometimes lag (a new
/// leader with a slower clock) or are missing (an entry from before commands carried a time).
/// </summary>
internal static class RandomFarmHistory
{
    private static readonly DateTimeOffset FirstStamp = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static List<Command> Generate(int seed, int length)
    {
        var random = new Random(seed);

        // Fed the same commands, only to learn the version an If-Match would name: the history is applied at
        // indexes 1, 2, 3... by the properties too, so a "right" version here is right there.
        var shadow = new FarmState();
        var clock = FirstStamp;
        var commands = new List<Command>(length);
        for (var i = 0; i < length; i++)
        {
            var command = NextCommand(random, i) with { StampedAt = NextStamp(random, ref clock) };
            if (random.Next(5) == 0 && VersionOfTarget(shadow, command) is { } version)
            {
                command = command with { ExpectedVersion = random.Next(2) == 0 ? version : StaleVersion(random, version) };
            }

            shadow.Apply(command);
            commands.Add(command);
        }

        return commands;
    }

    // Pools grow slowly so long histories keep meeting fresh printers and spools after old ones are deleted or archived.
    private static Command NextCommand(Random random, int step)
    {
        var printer = $"p{random.Next(4 + (step / 200))}";
        var filament = $"f{random.Next(3 + (step / 250))}";
        var job = $"j{random.Next(30 + (step / 20))}";
        return random.Next(40) switch
        {
            < 3 => new CreatePrinter(printer, "Prusa", random.Next(2) == 0 ? "MK4" : "XL"),
            < 5 => new EditPrinter(printer, random.Next(3) == 0 ? "Bambu" : null, random.Next(2) == 0 ? "MK4" : null),
            < 8 => new SetPrinterMaintenance(printer, random.Next(5) < 2),
            < 9 => new DeletePrinter(printer),
            < 13 => new DispatchPrinter(printer),
            < 15 => new CreateFilament(filament, (FilamentType)random.Next(1, 5), "Red", 500m, 500m - (random.Next(0, 3) * 100m)),
            < 16 => new EditFilament(filament, random.Next(2) == 0 ? (FilamentType)random.Next(1, 5) : null, random.Next(2) == 0 ? "Blue" : null),
            < 17 => new ArchiveFilament(filament),
            < 23 => new CreatePrintJob(job, random.Next(4) == 0 ? null : printer, filament, "x.gcode", random.Next(1, 2000) / 10m),
            < 29 => new ChangePrintJobStatus(job, (PrintJobStatus)random.Next(1, 5)),
            < 32 => new AssignPrintJob(job, printer),
            < 36 => new ReportPrintJobProgress(job, random.Next(0, 101)),
            < 39 => new EditPrintJob(job, random.Next(2) == 0 ? "y.gcode" : null, random.Next(3) == 0 ? null : random.Next(1, 2000) / 10m),
            _ => new Checkpoint(random.Next(2) == 0),
        };
    }

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
        ChangePrintJobStatus c => farm.FindPrintJob(c.JobId)?.Version,
        AssignPrintJob c => farm.FindPrintJob(c.JobId)?.Version,
        ReportPrintJobProgress c => farm.FindPrintJob(c.JobId)?.Version,
        EditPrintJob c => farm.FindPrintJob(c.JobId)?.Version,
        _ => null,
    };

    private static long StaleVersion(Random random, long version)
        => version > 1 ? Math.Max(1, version - random.Next(1, 10)) : version + 1;
}
