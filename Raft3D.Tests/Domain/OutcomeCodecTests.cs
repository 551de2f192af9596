using System.Buffers;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Tests.Domain;

/// <summary>
/// A leader's outcome crosses to the follower that forwarded the command in binary: what arrives must be what the
/// leader's state machine answered, entity view, replay flag and refusal alike, or the two paths answer differently.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class OutcomeCodecTests
{
    [Test]
    public void Every_kind_of_outcome_reads_back_as_it_was_written()
    {
        var state = new FarmState();
        var at = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var outcomes = new[]
        {
            state.Apply(new CreatePrinter("p1", "Prusa", "MK4S") { StampedAt = at }),
            state.Apply(new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m) { StampedAt = at }),
            state.Apply(new CreatePrintJob("j1", "p1", "f1", "/cube.gcode", 12.5m) { StampedAt = at }),
            state.Apply(new CreatePrinter("p1", "Prusa", "Other") { StampedAt = at }),
            state.Apply(new CreatePrinter("p1", "Prusa", "MK4S") { StampedAt = at }) with { IsReplay = true },
        };
        Assert.That(outcomes.Select(o => o.Entity?.GetType()), Is.EqualTo(new[] { typeof(PrinterView), typeof(FilamentView), typeof(PrintJobView), null, typeof(PrinterView) }));
        Assert.That(outcomes[3].Error?.Code, Is.EqualTo(ErrorCodes.DuplicateId));

        foreach (var outcome in outcomes)
        {
            var bytes = new ArrayBufferWriter<byte>();
            OutcomeCodec.Write(outcome, bytes);
            var read = OutcomeCodec.Read(new ReadOnlySequence<byte>(bytes.WrittenMemory));

            Assert.That(read.Kind, Is.EqualTo(outcome.Kind));
            Assert.That(read.IsReplay, Is.EqualTo(outcome.IsReplay));
            Assert.That(read.Error, Is.EqualTo(outcome.Error));
            Assert.That(read.Entity, Is.EqualTo(outcome.Entity), $"{outcome.Kind} {outcome.Entity?.GetType().Name}");
        }
    }
}
