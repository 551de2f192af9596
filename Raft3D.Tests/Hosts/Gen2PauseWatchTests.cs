using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;

namespace Raft3D.Tests.Hosts;

/// <summary>When a node gives up blocking gen-2 collections (see <see cref="BlockingGen2Guard"/>).</summary>
[TestFixture]
[Category("Fast")]
public sealed class Gen2PauseWatchTests
{
    [Test]
    public void Only_a_new_collection_over_the_limit_counts()
    {
        var watch = new Gen2PauseWatch(TimeSpan.FromMilliseconds(125));
        Assert.Multiple(() =>
        {
            Assert.That(watch.IsTooLong(0, TimeSpan.Zero), Is.False, "no collection yet");
            Assert.That(watch.IsTooLong(1, TimeSpan.FromMilliseconds(125)), Is.False, "at the limit");
            Assert.That(watch.IsTooLong(1, TimeSpan.FromMilliseconds(400)), Is.False, "the same collection read again");
            Assert.That(watch.IsTooLong(2, TimeSpan.FromMilliseconds(126)), Is.True, "a new one over the limit");
        });
    }

    [Test]
    public void Collections_before_the_node_serves_do_not_count()
    {
        var watch = new Gen2PauseWatch(TimeSpan.FromMilliseconds(200), seen: 7);
        Assert.Multiple(() =>
        {
            Assert.That(watch.IsTooLong(7, TimeSpan.FromSeconds(1)), Is.False, "the restore's collection");
            Assert.That(watch.IsTooLong(8, TimeSpan.FromSeconds(1)), Is.True, "the first while serving");
        });
    }

    [TestCase(250, 200)]
    [TestCase(500, 400)]
    public void The_limit_is_four_fifths_of_the_lower_election_timeout(int lowerElectionTimeout, int limitMs)
        => Assert.That(BlockingGen2Guard.PauseLimit(new Raft3DOptions { LowerElectionTimeout = lowerElectionTimeout }), Is.EqualTo(TimeSpan.FromMilliseconds(limitMs)));
}
