using Raft3D.Node.Configuration;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>The raft connect timeout is a setting a node checks at start, like the election timeouts.</summary>
[TestFixture]
[Category("Fast")]
public sealed class PeerConnectTimeoutOptionTests
{
    [TestCase(10)]
    [TestCase(100)]
    [TestCase(10_000)]
    public void A_timeout_within_bounds_is_accepted(int milliseconds)
        => Assert.That(() => Raft3DOptionsValidator.Validate(OneNode(milliseconds)), Throws.Nothing);

    [TestCase(0)]
    [TestCase(9)]
    [TestCase(10_001)]
    public void A_timeout_out_of_bounds_stops_the_node_with_the_setting_named(int milliseconds)
        => Assert.That(
            () => Raft3DOptionsValidator.Validate(OneNode(milliseconds)),
            Throws.TypeOf<InvalidConfigurationException>().With.Message.Contains("Raft3D:PeerConnectTimeoutMs"));

    [Test]
    public void The_default_is_short_enough_for_a_vote_round_to_end_well_inside_an_election_timeout()
    {
        var options = new Raft3DOptions();
        Assert.That(options.PeerConnectTimeoutMs, Is.LessThan(options.LowerElectionTimeout / 2));
    }

    private static Raft3DOptions OneNode(int connectTimeout) => OneNodeOptions.With(options => options.PeerConnectTimeoutMs = connectTimeout);
}
