using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>
/// Idempotency-Keys, judged in apply: the first request under a key is applied and its outcome kept; the same
/// request again answers that outcome (a replay) and changes nothing; another request under the key is refused.
/// Keys are kept for a window of a count and an age, which the command carries.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class IdempotencyRulesTests
{
    private FarmScenario scenario = null!;

    [SetUp]
    public void CreateFarm() => scenario = WithTwoPrintersAndASpool();

    /// <summary>
    /// A key's age is measured on the farm's clock, which a lagging leader cannot turn back: a key kept under a
    /// lagging stamp gets the clock's time, so the oldest key is always first and eviction never skips one.
    /// </summary>
    [Test]
    public void A_leader_whose_clock_lags_cannot_keep_a_key_past_the_window()
    {
        var window = new IdempotencyWindow(100, TimeSpan.FromSeconds(10));
        var t = scenario.NextStamp.AddMinutes(1);
        Command Refused(string key, int seconds) => Keyed(new AdjustFilament("ghost", -1m, null), key, window) with { StampedAt = t.AddSeconds(seconds) };

        scenario.Expect(OutcomeKind.Rejected, Refused("a", 20));
        scenario.Expect(OutcomeKind.Rejected, Refused("b", 0));
        scenario.Expect(OutcomeKind.Rejected, Refused("c", 25));
        var now = t.AddSeconds(25);
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Farm.Clock, Is.EqualTo(now), "a kept key is a change, so it moves the clock");
            Assert.That(scenario.Farm.FindIdempotencyKey("b")?.At, Is.EqualTo(t.AddSeconds(20)), "kept at the clock's time, not its lagging stamp");
            Assert.That(
                new[] { "a", "b", "c" }.Select(scenario.Farm.FindIdempotencyKey).Where(r => r is not null && now - r.At > window.MaxAge),
                Is.Empty,
                "no key older than the window");
        });
    }
}
