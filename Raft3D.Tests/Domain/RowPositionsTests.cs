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

    [Test]
    public void Room_reserved_for_a_restore_keeps_what_is_held_and_finds_what_follows()
    {
        var ids = new List<string>();
        var positions = new RowPositions(at => ids[at]);
        for (var i = 0; i < Ids; i++)
        {
            // A few rows first (their shards must keep them), then room for all, then the rest.
            if (i == 300)
            {
                positions.Reserve(Ids);
            }

            positions.Add(IdOf(i), ids.Count);
            ids.Add(IdOf(i));
        }

        Assert.Multiple(() =>
        {
            for (var i = 0; i < Ids; i++)
            {
                Assert.That(positions.TryGetValue(IdOf(i), out var at) ? at : -1, Is.EqualTo(i), IdOf(i));
            }

            Assert.That(positions.TryGetValue(IdOf(Ids), out _), Is.False);
        });
    }

    [Test]
    public void Positions_past_the_tagged_range_are_found_too()
    {
        // A slot keeps part of the id's hash beside positions below 2^24 and none beside larger ones; the index
        // must find both kinds, and refuse a held id of either. Positions may be past the rows held, so the ids
        // can be computed from them.
        var positions = new RowPositions(IdOf);
        int[] at = [0, (1 << 24) - 2, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, int.MaxValue - 1];
        var many = Enumerable.Range((1 << 24) - 2_000, 4_000).Concat(at).Distinct().ToList();
        foreach (var position in many)
        {
            positions.Add(IdOf(position), position);
        }

        Assert.Multiple(() =>
        {
            foreach (var position in many)
            {
                Assert.That(positions.TryGetValue(IdOf(position), out var found) ? found : -1, Is.EqualTo(position), IdOf(position));
            }

            Assert.That(positions.TryGetValue(IdOf(1 << 20), out _), Is.False);
            Assert.That(() => positions.Add(IdOf(int.MaxValue - 1), 5), Throws.ArgumentException);
            Assert.That(() => positions.Add(IdOf((1 << 24) - 2), 6), Throws.ArgumentException);
        });
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
