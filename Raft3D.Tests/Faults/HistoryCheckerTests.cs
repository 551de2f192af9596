namespace Raft3D.Tests.Faults;

/// <summary>The checker must catch what it is there to catch; otherwise a green fault test means nothing.</summary>
[TestFixture]
[Category("Fast")]
public sealed class HistoryCheckerTests
{
    [Test]
    public void A_correct_history_passes()
        => Assert.That(HistoryChecker.Check([Create("a", 0, 10), Create("b", 5, 30, OperationResult.Unknown), Read(11, 20, ("a", "va"))]), Is.Empty);

    [Test]
    public void A_read_that_misses_an_earlier_acknowledged_create_is_caught()
        => Assert.That(HistoryChecker.Check([Create("a", 0, 10), Read(11, 20)]), Has.One.Contains("missed 1"));

    [Test]
    public void A_read_concurrent_with_the_create_may_miss_it()
        => Assert.That(HistoryChecker.Check([Create("a", 0, 10), Read(5, 20)]), Is.Empty);

    [Test]
    public void Seeing_a_create_before_it_started_is_caught()
        => Assert.That(HistoryChecker.Check([Create("a", 30, 40), Read(0, 20, ("a", "va"))]), Has.One.Contains("before its create started"));

    [Test]
    public void Seeing_a_refused_create_is_caught()
        => Assert.That(HistoryChecker.Check([Create("a", 0, 10, OperationResult.Failed), Read(11, 20, ("a", "va"))]), Has.One.Contains("refused"));

    [Test]
    public void A_half_written_value_is_caught()
        => Assert.That(HistoryChecker.Check([Create("a", 0, 10), Read(11, 20, ("a", "v"))]), Has.One.Contains("was written"));

    [Test]
    public void Two_nodes_acknowledging_in_one_term_is_split_brain()
        => Assert.That(HistoryChecker.Check([Create("a", 0, 10, node: "n1", term: 3), Create("b", 0, 10, node: "n2", term: 3)]), Has.One.Contains("split brain"));

    [Test]
    public void A_lost_acknowledged_write_is_caught_in_the_final_state()
        => Assert.That(HistoryChecker.CheckFinal([Create("a", 0, 10)], new Dictionary<string, string>(), "n1"), Has.One.Contains("lost"));

    private static HistoryOperation Create(string key, long start, long end, OperationResult result = OperationResult.Ok, string node = "n1", long term = 1)
        => new(0, OperationKind.Create, key, "v" + key, start, end, result, node, term, null);

    private static HistoryOperation Read(long start, long end, params (string Key, string Value)[] observed)
        => new(1, OperationKind.Read, null, null, start, end, OperationResult.Ok, "n2", null, observed.ToDictionary(o => o.Key, o => o.Value));
}
