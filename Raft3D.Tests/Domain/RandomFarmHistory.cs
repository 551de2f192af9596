using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Tests.Domain;

/// <summary>
/// A plausible, messy command history from a seed: creates, replays, conflicts, bad references,
/// overbooking attempts and every status change, valid or not.
/// </summary>
internal static class RandomFarmHistory
{
    public static List<Command> Generate(int seed, int length)
    {
        var random = new Random(seed);
        var commands = new List<Command>(length);
        for (var i = 0; i < length; i++)
        {
            var printer = $"p{random.Next(4)}";
            var filament = $"f{random.Next(3)}";
            var job = $"j{random.Next(30)}";
            commands.Add(random.Next(10) switch
            {
                0 => new CreatePrinter(printer, "Prusa", random.Next(2) == 0 ? "MK4" : "XL"),
                1 => new CreateFilament(filament, (FilamentType)random.Next(1, 5), "Red", 500m, 500m - random.Next(0, 3) * 100m),
                2 or 3 or 4 => new CreatePrintJob(job, printer, filament, "x.gcode", random.Next(1, 2000) / 10m),
                _ => new ChangePrintJobStatus(job, (PrintJobStatus)random.Next(1, 5)),
            });
        }

        return commands;
    }
}
