using System.Security.Cryptography.X509Certificates;
using Raft3D.Node.Tls;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Tls;

/// <summary>What the raft listener accepts as a peer's client certificate under mutual TLS.</summary>
[TestFixture]
[Category("Fast")]
public sealed class ClusterTrustTests
{
    private X509Certificate2 authority = null!;

    [OneTimeSetUp]
    public void CreateAuthority() => authority = TestCertificates.CreateAuthority("Cluster CA");

    [OneTimeTearDown]
    public void DisposeAuthority() => authority.Dispose();

    [Test]
    public void A_node_certificate_issued_by_the_cluster_CA_is_a_member()
    {
        using var node = TestCertificates.IssueNode(authority, "node2");
        Assert.That(ClusterTrust.IsIssuedToMember(node, presented: null, [authority]), Is.True);
    }

    [Test]
    public void A_certificate_from_another_CA_is_not_a_member()
    {
        using var other = TestCertificates.CreateAuthority("Other CA");
        using var stranger = TestCertificates.IssueNode(other, "node2");
        Assert.That(ClusterTrust.IsIssuedToMember(stranger, presented: null, [authority]), Is.False);
    }

    [Test]
    public void A_certificate_only_for_serving_cannot_prove_membership()
    {
        using var serverOnly = TestCertificates.Issue(authority, "web", [TestCertificates.ServerAuthentication]);
        Assert.That(ClusterTrust.IsIssuedToMember(serverOnly, presented: null, [authority]), Is.False);
    }
}
