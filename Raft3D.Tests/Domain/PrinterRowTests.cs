using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Printers;

namespace Raft3D.Tests.Domain;

/// <summary>
/// A printer keeps its rarely set fields apart (<see cref="PrinterRareFields"/>); each must still read back what
/// was set, a copy must not change the printer it came from, and an empty set must be the one shared instance.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class PrinterRowTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Every_rare_field_reads_back_what_was_set_and_the_original_is_unchanged()
    {
        var original = new Printer("p1", "Prusa", "MK4S") { CreatedAt = At, Version = 3, CompletedJobs = 2 };
        var createdAs = new CreatePrinter("p1", "Prusa", "MK3");
        var changed = original with { IsDeleted = true, DeletedAt = At.AddHours(1), CreatedAs = createdAs };

        Assert.Multiple(() =>
        {
            Assert.That(changed.IsDeleted, Is.True);
            Assert.That(changed.DeletedAt, Is.EqualTo(At.AddHours(1)));
            Assert.That(changed.CreatedAs, Is.SameAs(createdAs));
            Assert.That(changed.Version, Is.EqualTo(3));
            Assert.That(changed.CompletedJobs, Is.EqualTo(2));
            Assert.That(original.IsDeleted, Is.False);
            Assert.That(original.DeletedAt, Is.Null);
            Assert.That(original.CreatedAs, Is.Null);
            Assert.That(changed, Is.Not.EqualTo(original));
        });
    }

    [Test]
    public void Printers_with_the_same_fields_are_equal_however_they_were_made()
    {
        var built = new Printer("p1", "Prusa", "MK4S") { IsDeleted = true, DeletedAt = At };
        var copied = new Printer("p1", "Prusa", "MK4S") with { DeletedAt = At, IsDeleted = true };
        var undone = built with { IsDeleted = false, DeletedAt = null };
        Assert.Multiple(() =>
        {
            Assert.That(copied, Is.EqualTo(built));
            Assert.That(copied.GetHashCode(), Is.EqualTo(built.GetHashCode()));
            Assert.That(undone, Is.EqualTo(new Printer("p1", "Prusa", "MK4S")));
        });
    }

    [Test]
    public void Only_an_empty_set_of_rare_fields_becomes_the_shared_one()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new PrinterRareFields(0L, false, null).OrNoneIfEmpty(), Is.SameAs(PrinterRareFields.None));
            Assert.That(new PrinterRareFields(1L, false, null).OrNoneIfEmpty(), Is.Not.SameAs(PrinterRareFields.None));
            Assert.That(new PrinterRareFields(0L, true, null).OrNoneIfEmpty(), Is.Not.SameAs(PrinterRareFields.None));
            Assert.That(new PrinterRareFields(0L, false, new CreatePrinter("p1", "Prusa", "MK4S")).OrNoneIfEmpty(), Is.Not.SameAs(PrinterRareFields.None));
        });
    }
}
