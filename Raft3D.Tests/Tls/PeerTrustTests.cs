using System.Security.Cryptography.X509Certificates;
using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;
using Raft3D.Node.Peers;
using Raft3D.Node.Tls;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Tls;

/// <summary>
/// What a node's outgoing connections (raft, forwarding, read index, join) accept from an https peer when the
/// cluster has a CA: a certificate from that CA naming the address it was reached at, and nothing else.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class PeerTrustTests
{
    private string root = null!;
    private X509Certificate2 authority = null!;

    [OneTimeSetUp]
    public void CreateAuthority()
    {
        root = Directory.CreateTempSubdirectory("raft3d-peer-trust-").FullName;
        authority = TestCertificates.CreateAuthority("Raft3D test CA");
        TestCertificates.WritePem(authority, Path.Combine(root, "ca.crt"));
    }

    [OneTimeTearDown]
    public void DeleteAuthority()
    {
        authority.Dispose();
        Directory.Delete(root, recursive: true);
    }

    [Test]
    public async Task A_peer_with_a_certificate_from_the_cluster_CA_for_its_address_is_reached()
    {
        using var certificate = TestCertificates.IssueNode(authority, "peer");
        using var response = await CallPeerServingAsync(certificate);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void A_peer_whose_certificate_names_another_host_is_refused()
    {
        using var certificate = TestCertificates.IssueNode(authority, "peer", onlyHost: "elsewhere.example");
        Assert.ThrowsAsync<HttpRequestException>(() => CallPeerServingAsync(certificate));
    }

    [Test]
    public void A_peer_with_a_certificate_from_another_CA_is_refused()
    {
        using var other = TestCertificates.CreateAuthority("Other CA");
        using var certificate = TestCertificates.IssueNode(other, "peer");
        Assert.ThrowsAsync<HttpRequestException>(() => CallPeerServingAsync(certificate));
    }

    /// <summary>Starts a one-node cluster whose API serves <paramref name="certificate"/> and asks its /healthz as a peer would.</summary>
    private async Task<HttpResponseMessage> CallPeerServingAsync(X509Certificate2 certificate)
    {
        var (api, raft) = (FreePorts.Next(), FreePorts.Next());
        var certificateFile = Path.Combine(root, $"peer-{api}.crt");
        var keyFile = Path.Combine(root, $"peer-{api}.key");
        TestCertificates.WritePem(certificate, certificateFile, keyFile);
        var peer = await NodeApplication.BuildAsync(
        [
            "--Raft3D:NodeId=peer",
            $"--Raft3D:HttpUrl=https://127.0.0.1:{api}",
            $"--Raft3D:RaftUrl=http://127.0.0.1:{raft}/",
            $"--Raft3D:DataDirectory={Path.Combine(root, $"data-{api}")}",
            "--Raft3D:Members:0:Id=peer",
            $"--Raft3D:Members:0:Raft=http://127.0.0.1:{raft}/",
            $"--Raft3D:Members:0:Http=https://127.0.0.1:{api}",
            $"--Raft3D:Security:Tls:CertificateFile={certificateFile}",
            $"--Raft3D:Security:Tls:KeyFile={keyFile}",
        ], root);
        await peer.StartAsync();
        try
        {
            var self = NodeCertificates.Load(new Raft3DOptions
            {
                HttpUrl = "http://127.0.0.1:1",
                RaftUrl = "http://127.0.0.1:2/",
                Security = { Tls = { CaFile = Path.Combine(root, "ca.crt") } },
            });
            using var client = new HttpClient(OutgoingConnections.CreateHandler("http://127.0.0.1:1", TimeSpan.FromSeconds(5), self, presentCertificate: false));
            return await client.GetAsync(new Uri($"https://127.0.0.1:{api}/healthz"));
        }
        finally
        {
            await peer.StopAsync();
            await peer.DisposeAsync();
        }
    }
}
