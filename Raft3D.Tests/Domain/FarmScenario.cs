using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Domain;

/// <summary>
/// A farm an example test feeds commands one at a time, as the log would: each at the next index, stamped one
/// second after the previous one unless the command carries its own stamp. Every refusal is also checked to
/// leave the farm exactly as it was, so no rules test can miss a half-applied command.
/// </summary>
internal sealed class FarmScenario
{
    public static readonly DateTimeOffset FirstStamp = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The window of a key that names none: long enough that no example test evicts by accident.</summary>
    public static readonly IdempotencyWindow Window = new(100, TimeSpan.FromHours(1));

    private DateTimeOffset nextStamp = FirstStamp;

    public FarmState Farm { get; } = new();

    /// <summary>Two printers, p1 and p2, and a 1000 g spool f1.</summary>
    public static FarmScenario WithTwoPrintersAndASpool()
    {
        var scenario = new FarmScenario();
        scenario.Expect(OutcomeKind.Created, new CreatePrinter("p1", "Prusa", "MK4"));
        scenario.Expect(OutcomeKind.Created, new CreatePrinter("p2", "Creality", "Ender3"));
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m));
        return scenario;
    }

    public static CreatePrintJob Job(string id, decimal grams = 10m, string? printer = "p1", string filament = "f1")
        => new(id, printer, filament, "/prints/cube.gcode", grams);

    /// <summary><paramref name="command"/> sent with Idempotency-Key <paramref name="key"/>, kept for <paramref name="window"/>.</summary>
    public static Command Keyed(Command command, string key, IdempotencyWindow? window = null)
        => command with { Idempotency = new IdempotencyKey(key, window ?? Window) };

    public PrinterView Printer(string id) => Farm.DescribePrinter(id) ?? throw new AssertionException($"printer {id} is not live");

    public PrintJobView PrintJob(string id) => Farm.DescribePrintJob(id) ?? throw new AssertionException($"job {id} does not exist");

    public Filament Filament(string id) => Farm.FindFilament(id) ?? throw new AssertionException($"filament {id} does not exist");

    /// <summary>The log index the next command will be applied at.</summary>
    public long NextIndex => Farm.LastIndex + 1;

    /// <summary>The stamp the next command without its own will get.</summary>
    public DateTimeOffset NextStamp => nextStamp;

    /// <summary>Lets <paramref name="time"/> pass before the next stamp, as a quiet farm would.</summary>
    public void Wait(TimeSpan time) => nextStamp += time;

    public CommandOutcome Apply(Command command)
    {
        if (command.StampedAt is null)
        {
            command = command with { StampedAt = nextStamp };
            nextStamp = nextStamp.AddSeconds(1);
        }

        return Farm.Apply(command);
    }

    public CommandOutcome Expect(OutcomeKind kind, Command command)
    {
        var outcome = Apply(command);
        Assert.That(outcome.Kind, Is.EqualTo(kind), $"{command} gave {outcome}");
        return outcome;
    }

    /// <summary>Applies a command that must be refused with <paramref name="code"/> and change nothing, not even the clock.</summary>
    public DomainError Reject(string code, Command command)
    {
        var before = FarmSnapshotCodec.Digest(Farm);
        var outcome = Apply(command);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(code), $"{command} gave {outcome}");
            Assert.That(outcome.Error?.Detail, Is.Not.Empty);
            Assert.That(FarmSnapshotCodec.Digest(Farm), Is.EqualTo(before), $"{command} was refused but changed the farm");
        });
        return outcome.Error!;
    }
}
