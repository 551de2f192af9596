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

    [TestCase(250, 200)]
    [TestCase(500, 400)]
    public void The_limit_is_four_fifths_of_the_lower_election_timeout(int lowerElectionTimeout, int limitMs)
        => Assert.That(BlockingGen2Guard.PauseLimit(new Raft3DOptions { LowerElectionTimeout = lowerElectionTimeout }), Is.EqualTo(TimeSpan.FromMilliseconds(limitMs)));
}
