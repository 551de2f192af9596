using Raft3D.StateMachine;

namespace Raft3D.Tests.Domain;

/// <summary>
/// The id index behind every table: an open-addressing table that reads ids from the rows. Enough ids that every
/// shard grows several times and probes wrap around its end, whatever the process's string hash.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class RowPositionsTests
{
    private const int Ids = 200_000;

    [Test]
    public void Every_id_is_found_at_its_position_and_no_other_is()
    {
        var (positions, _) = Filled();
        Assert.Multiple(() =>
        {
            for (var i = 0; i < Ids; i++)
            {
                Assert.That(positions.TryGetValue(IdOf(i), out var at) ? at : -1, Is.EqualTo(i), IdOf(i));
            }

            for (var i = Ids; i < Ids + 1_000; i++)
            {
                Assert.That(positions.TryGetValue(IdOf(i), out _), Is.False, IdOf(i));
            }

            Assert.That(() => positions["missing"], Throws.TypeOf<KeyNotFoundException>());
        });
    }

    [Test]
    public void A_held_id_is_refused_and_the_index_is_unchanged()
    {
        var (positions, ids) = Filled();
        Assert.Multiple(() =>
        {
            Assert.That(() => positions.Add(IdOf(12_345), Ids), Throws.ArgumentException);
            Assert.That(positions[IdOf(12_345)], Is.EqualTo(12_345));
        });

        // The refused id took no slot: the next row goes where it would have.
        ids.Add(IdOf(Ids));
        positions.Add(IdOf(Ids), Ids);
        Assert.Multiple(() =>
        {
            Assert.That(positions[IdOf(Ids)], Is.EqualTo(Ids));
            Assert.That(positions[IdOf(12_345)], Is.EqualTo(12_345));
        });
    }

    [Test]
    public void A_cleared_index_holds_nothing_and_fills_again()
    {
        var (positions, ids) = Filled();
        positions.Clear();
        ids.Clear();
        Assert.That(positions.TryGetValue(IdOf(7), out _), Is.False);

        ids.Add(IdOf(7));
        positions.Add(IdOf(7), 0);
        Assert.That(positions[IdOf(7)], Is.Zero);
    }

    private static string IdOf(int i) => $"printer-{i}";

    private static (RowPositions Positions, List<string> Ids) Filled()
    {
        var ids = new List<string>();
        var positions = new RowPositions(at => ids[at]);
        for (var i = 0; i < Ids; i++)
        {
            // As OrderedTable does: the position is recorded before the row is there.
            positions.Add(IdOf(i), ids.Count);
            ids.Add(IdOf(i));
        }

        return (positions, ids);
    }
}
