using Raft3D.StateMachine;

namespace Raft3D.Tests.Domain;

/// <summary>The table behind printers, filaments and jobs, across its chunk and shard boundaries.</summary>
[TestFixture]
[Category("Fast")]
public sealed class OrderedTableTests
{
    private sealed record Row(string Id, int Value);

    // Past several 4,096-row chunks, and enough ids for every one of the 1,024 shards to hold some.
    private const int Rows = 20_000;

    [Test]
    public void Every_row_is_found_by_id_at_its_creation_position()
    {
        var table = Filled();
        Assert.Multiple(() =>
        {
            Assert.That(table.Count, Is.EqualTo(Rows));
            for (var i = 0; i < Rows; i++)
            {
                Assert.That(table.Find($"row-{i}"), Is.EqualTo(new Row($"row-{i}", i)), $"row {i}");
                Assert.That(table.PositionOf($"row-{i}"), Is.EqualTo(i), $"position of row {i}");
            }

            Assert.That(table.Find("row-missing"), Is.Null);
            Assert.That(() => table.PositionOf("row-missing"), Throws.TypeOf<KeyNotFoundException>());
        });
    }

    [Test]
    public void Rows_are_walked_in_creation_order_by_index_and_by_enumerator()
    {
        var table = Filled();
        var walked = new List<int>();
        foreach (var row in table.Rows)
        {
            walked.Add(row.Value);
        }

        Assert.Multiple(() =>
        {
            Assert.That(walked, Is.EqualTo(Enumerable.Range(0, Rows)));
            Assert.That(table.Rows.Select(row => row.Value), Is.EqualTo(Enumerable.Range(0, Rows)));
            Assert.That(table.Rows[4095].Value, Is.EqualTo(4095));
            Assert.That(table.Rows[4096].Value, Is.EqualTo(4096));
            Assert.That(() => table.Rows[Rows], Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => table.Rows[-1], Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void A_replaced_row_keeps_its_position()
    {
        var table = Filled();
        table.Replace(new Row("row-4096", -1));
        Assert.Multiple(() =>
        {
            Assert.That(table.Rows[4096], Is.EqualTo(new Row("row-4096", -1)));
            Assert.That(table.Find("row-4096")!.Value, Is.EqualTo(-1));
            Assert.That(table.Count, Is.EqualTo(Rows));
        });
    }

    [Test]
    public void Pages_continue_across_chunk_boundaries()
    {
        var table = Filled();
        var seen = new List<int>();
        var after = -1;
        while (true)
        {
            var page = table.Page(row => row.Value % 3 == 0, row => row.Value, after, 1_000);
            Assert.That(page.Total, Is.EqualTo((Rows + 2) / 3));
            seen.AddRange(page.Items);
            if (page.NextAfter is not { } next)
            {
                break;
            }

            after = next;
        }

        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, Rows).Where(i => i % 3 == 0)));
    }

    [Test]
    public void A_cleared_table_is_empty_and_fills_again()
    {
        var table = Filled();
        table.Clear();
        Assert.Multiple(() =>
        {
            Assert.That(table.Count, Is.Zero);
            Assert.That(table.Rows, Is.Empty);
            Assert.That(table.Find("row-1"), Is.Null);
        });

        table.Add(new Row("row-1", 7));
        Assert.Multiple(() =>
        {
            Assert.That(table.PositionOf("row-1"), Is.Zero);
            Assert.That(table.Rows.Single(), Is.EqualTo(new Row("row-1", 7)));
        });
    }

    [Test]
    public void A_second_row_with_an_existing_id_is_refused()
    {
        var table = Filled();
        Assert.Multiple(() =>
        {
            Assert.That(() => table.Add(new Row("row-5", 0)), Throws.ArgumentException);
            Assert.That(table.Count, Is.EqualTo(Rows));
        });
    }

    private static OrderedTable<Row> Filled()
    {
        var table = new OrderedTable<Row>(static row => row.Id);
        for (var i = 0; i < Rows; i++)
        {
            table.Add(new Row($"row-{i}", i));
        }

        return table;
    }
}
