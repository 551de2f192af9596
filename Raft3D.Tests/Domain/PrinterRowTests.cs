using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Printers;

namespace Raft3D.Tests.Domain;

/// <summary>
/// A printer keeps its rarely set fields apart (<see cref="PrinterRareFields"/>); each must still read back
/// exactly what was set, scale of a decimal included, and a copy must not change the printer it came from.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class PrinterRowTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_new_printer_reads_the_defaults()
    {
        var printer = new Printer("p1", "Prusa", "MK4S");
        Assert.Multiple(() =>
        {
            Assert.That(printer.CompletedJobs, Is.Zero);
            Assert.That(printer.PrintedWeightInGrams, Is.Zero);
            Assert.That(printer.DeletedAt, Is.Null);
            Assert.That(printer.IsDeleted, Is.False);
            Assert.That(printer.CreatedAs, Is.Null);
        });
    }

    [Test]
    public void Every_rare_field_reads_back_what_was_set_and_the_original_is_unchanged()
    {
        var original = new Printer("p1", "Prusa", "MK4S") { CreatedAt = At, Version = 3 };
        var createdAs = new CreatePrinter("p1", "Prusa", "MK3");
        var changed = original with
        {
            CompletedJobs = 2,
            PrintedWeightInGrams = 812.50m,
            IsDeleted = true,
            DeletedAt = At.AddHours(1),
            CreatedAs = createdAs,
        };

        Assert.Multiple(() =>
        {
            Assert.That(changed.CompletedJobs, Is.EqualTo(2));
            Assert.That(changed.PrintedWeightInGrams.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("812.50"));
            Assert.That(changed.IsDeleted, Is.True);
            Assert.That(changed.DeletedAt, Is.EqualTo(At.AddHours(1)));
            Assert.That(changed.CreatedAs, Is.SameAs(createdAs));
            Assert.That(changed.Version, Is.EqualTo(3));
            Assert.That(original.CompletedJobs, Is.Zero);
            Assert.That(original.IsDeleted, Is.False);
            Assert.That(original.CreatedAs, Is.Null);
            Assert.That(changed, Is.Not.EqualTo(original));
        });
    }

    [Test]
    public void A_zero_weight_keeps_its_scale()
    {
        // 0.0 equals 0 as a number, but answers and snapshots show the scale: it must not fold into the default.
        var printer = new Printer("p1", "Prusa", "MK4S") { PrintedWeightInGrams = 0.0m };
        var rescaled = new Printer("p1", "Prusa", "MK4S") { CompletedJobs = 1, PrintedWeightInGrams = 800m } with { PrintedWeightInGrams = 800.0m };
        Assert.Multiple(() =>
        {
            Assert.That(printer.PrintedWeightInGrams.Scale, Is.EqualTo(1));
            Assert.That(rescaled.PrintedWeightInGrams.Scale, Is.EqualTo(1));
        });
    }

    [Test]
    public void Printers_with_the_same_fields_are_equal_however_they_were_made()
    {
        var built = new Printer("p1", "Prusa", "MK4S") { CompletedJobs = 1, PrintedWeightInGrams = 5m };
        var copied = new Printer("p1", "Prusa", "MK4S") with { PrintedWeightInGrams = 5m, CompletedJobs = 1 };
        var reset = built with { CompletedJobs = 0, PrintedWeightInGrams = 0m };
        Assert.Multiple(() =>
        {
            Assert.That(copied, Is.EqualTo(built));
            Assert.That(copied.GetHashCode(), Is.EqualTo(built.GetHashCode()));
            Assert.That(reset, Is.EqualTo(new Printer("p1", "Prusa", "MK4S")));
        });
    }
}
