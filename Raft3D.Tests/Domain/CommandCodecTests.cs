using System.Buffers;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Idempotency;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Tests.Domain;

[TestFixture]
[Category("Fast")]
public sealed class CommandCodecTests
{
    private static IEnumerable<Command> Commands()
    {
        yield return new CreatePrinter("p1", "Prusa Research", "MK4 — Ünïcode");
        yield return new CreateFilament("f1", FilamentType.TPU, "Glow in the dark", 1000.125m, 0m);
        yield return new CreatePrintJob("j1", "p1", "f1", "/prints/benchy.gcode", 12.5m);
        yield return new CreatePrintJob("j2", "p1", "f1", "x", 1m, PrintJobStatus.Running);
        yield return new ChangePrintJobStatus("j1", PrintJobStatus.Canceled);
        yield return new Checkpoint(TakeSnapshot: true);
        yield return new Checkpoint(TakeSnapshot: false);
        yield return new CreateFilament("f2", FilamentType.PLA, "Red", 1000m, 900m) { SpoolWeightInGrams = 250.125m, LowStockThresholdInGrams = 0m };
        yield return new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = 187.2m };
        yield return new EditFilament("f1", null, null) { SpoolWeightInGrams = WeightPatch.Set(0m), LowStockThresholdInGrams = WeightPatch.Remove };
        yield return new AdjustFilament("f1", -12.5m, "spilled");
        yield return new MeasureFilament("f1", 1234.5m, null, null);
        yield return new DispatchPrinter("p1")
        {
            StampedAt = new DateTimeOffset(2026, 11, 26, 1, 0, 0, 123, TimeSpan.Zero),
            ExpectedVersion = 0,
            Idempotency = new IdempotencyKey("0f8fad5b-d9cb-469f-a165-70867728950e", new IdempotencyWindow(100_000, TimeSpan.FromHours(24))),
        };
    }

    [TestCaseSource(nameof(Commands))]
    public void Every_command_round_trips(Command command)
        => Assert.That(CommandCodec.Decode(CommandCodec.Encode(command)), Is.EqualTo(WithFingerprint(command)));

    [Test]
    public void A_key_carries_the_fingerprint_of_its_request_and_trailing_zeros_do_not_change_it()
    {
        var keyed = new AdjustFilament("f1", -12.5m, "spilled") { Idempotency = new IdempotencyKey("k", IdempotencyWindow.Default) };
        var decoded = CommandCodec.Decode(CommandCodec.Encode(keyed));
        var sameAmount = CommandCodec.Decode(CommandCodec.Encode(keyed with { Grams = -12.500m }));
        var otherAmount = CommandCodec.Decode(CommandCodec.Encode(keyed with { Grams = -12.6m }));
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Idempotency!.Fingerprint, Is.EqualTo(IdempotencyFingerprint.Of(keyed)));
            Assert.That(sameAmount.Idempotency!.Fingerprint, Is.EqualTo(decoded.Idempotency.Fingerprint), "12.500 is 12.5");
            Assert.That(otherAmount.Idempotency!.Fingerprint, Is.Not.EqualTo(decoded.Idempotency.Fingerprint));
            Assert.That(((AdjustFilament)sameAmount).Grams.Scale, Is.EqualTo(3), "the log keeps the value as it was sent");
        });
    }

    /// <summary>The command as the log gives it back: its key carries the fingerprint the encoder computed.</summary>
    private static Command WithFingerprint(Command command)
        => command.Idempotency is { } key ? command with { Idempotency = key with { Fingerprint = IdempotencyFingerprint.Of(command) } } : command;

    [Test]
    public void Decoding_works_across_segment_boundaries()
    {
        var bytes = CommandCodec.Encode(new CreateFilament("f1", FilamentType.ABS, "Black", 750m, 500.5m));
        var split = SplitIntoSingleBytes(bytes);
        Assert.That(CommandCodec.Decode(split), Is.EqualTo(new CreateFilament("f1", FilamentType.ABS, "Black", 750m, 500.5m)));
    }

    [Test]
    public void Decimal_scale_survives_so_replays_compare_equal()
    {
        var decoded = (CreateFilament)CommandCodec.Decode(CommandCodec.Encode(new CreateFilament("f1", FilamentType.PLA, "Red", 1000.50m, 1000.50m)));
        Assert.That(decoded.TotalWeightInGrams.Scale, Is.EqualTo(2));
    }

    [Test]
    public void Unknown_version_fails_loudly()
    {
        var bytes = CommandCodec.Encode(new CreatePrinter("p1", "a", "b"));
        bytes[0] = 99;
        Assert.That(() => CommandCodec.Decode(bytes), Throws.TypeOf<InvalidDataException>().With.Message.Contains("version 99"));
    }

    [Test]
    public void Unknown_tag_fails_loudly()
    {
        var bytes = CommandCodec.Encode(new CreatePrinter("p1", "a", "b"));
        bytes[1] = 200;
        Assert.That(() => CommandCodec.Decode(bytes), Throws.TypeOf<InvalidDataException>().With.Message.Contains("tag 200"));
    }

    [Test]
    public void Truncated_or_padded_entries_fail_loudly()
    {
        var bytes = CommandCodec.Encode(new CreatePrintJob("j1", "p1", "f1", "a.gcode", 3m));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.That(() => CommandCodec.Decode(bytes.AsMemory(0, length)), Throws.TypeOf<InvalidDataException>(), $"prefix of {length} bytes");
        }

        Assert.That(() => CommandCodec.Decode(bytes.Append((byte)0).ToArray()), Throws.TypeOf<InvalidDataException>());
    }

    /// <summary>
    /// A patch is one of three things; a struct built as "clear, and 5 g" is a clear. Written with its value, it
    /// would be an entry no node can read back (the reader stops after the clear), and the log would be stuck at it.
    /// </summary>
    [Test]
    public void A_weight_patch_that_clears_is_written_as_a_clear_whatever_value_it_holds()
    {
        var edit = new EditFilament("f1", null, null) { SpoolWeightInGrams = new WeightPatch(Clear: true, 5m) };
        Assert.Multiple(() =>
        {
            Assert.That(CommandCodec.Decode(CommandCodec.Encode(edit)), Is.EqualTo(edit with { SpoolWeightInGrams = WeightPatch.Remove }));
            Assert.That(CommandCodec.Encode(edit), Is.EqualTo(CommandCodec.Encode(edit with { SpoolWeightInGrams = WeightPatch.Remove })));
        });
    }

    [Test]
    public void An_invalid_enum_byte_fails_loudly()
    {
        // The status byte, just before the absent actual weight's flag.
        var bytes = CommandCodec.Encode(new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        bytes[^2] = 77;
        Assert.That(() => CommandCodec.Decode(bytes), Throws.TypeOf<InvalidDataException>());
    }

    private static ReadOnlySequence<byte> SplitIntoSingleBytes(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
