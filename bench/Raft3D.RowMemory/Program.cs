using System.Globalization;
using Raft3D.Bench.Shared;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;

// Usage: Raft3D.RowMemory [ROWS]
// Applies ROWS printer creates (default 500,000) shaped like the bench's writes to one FarmState, the way a node
// applies decoded commands (each with its own strings), and prints the live heap they added per printer; then as
// many print jobs, queued on a hundred printers from a hundred spools, and the heap per job.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
const string Company = "Prusa Research";
const string Model = "Original Prusa MK4S with input shaper and a 0.4 mm nozzle";
var stamp = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

var printers = new FarmState();
Report("printers", printers, count, BenchPrinters.Create);

var jobs = new FarmState();
for (var p = 0; p < 100; p++)
{
    jobs.Apply(new CreatePrinter($"printer-{p:D3}", Company, Model) { StampedAt = stamp });
    jobs.Apply(new CreateFilament($"spool-{p:D3}", FilamentType.PLA, "Galaxy Black", 1_000_000m, 1_000_000m) { StampedAt = stamp });
}

Report("print jobs", jobs, count, i =>
{
    var id = string.Create(CultureInfo.InvariantCulture, $"job-{i:D8}");
    var file = string.Create(CultureInfo.InvariantCulture, $"/gcode/benchy-{i % 1000:D4}.gcode");
    var printer = string.Create(CultureInfo.InvariantCulture, $"printer-{i % 100:D3}");
    var spool = string.Create(CultureInfo.InvariantCulture, $"spool-{i % 100:D3}");
    return new CreatePrintJob(id, printer, spool, file, 1.5m) { StampedAt = stamp.AddTicks(i) };
});

void Report(string what, FarmState state, int rows, Func<int, Command> command)
{
    var before = GC.GetTotalMemory(forceFullCollection: true);
    for (var i = 0; i < rows; i++)
    {
        var outcome = state.Apply(command(i));
        if (outcome.Error is { } error)
        {
            throw new InvalidOperationException($"row {i} of {what} was refused: {error.Code} {error.Detail}");
        }
    }

    var after = GC.GetTotalMemory(forceFullCollection: true);
    GC.KeepAlive(state);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{rows:N0} {what}: {(after - before) / (double)rows:F1} bytes of live heap each, {(after - before) / 1048576.0:F1} MiB in all"));
}
