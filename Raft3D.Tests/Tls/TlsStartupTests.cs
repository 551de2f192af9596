using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Tls;

/// <summary>
/// A node's TLS settings are checked before it starts: a missing file or an https URL without a certificate is
/// refused in one line naming the key and the path; a good PFX serves https on both listeners.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class TlsStartupTests
{
    private const string PfxPassword = "farm-secret";

    private string root = null!;
    private X509Certificate2 authority = null!;

    [OneTimeSetUp]
    public void WriteCertificates()
    {
        root = Directory.CreateTempSubdirectory("raft3d-tls-").FullName;
        authority = TestCertificates.CreateAuthority("Raft3D test CA");
        using var node = TestCertificates.IssueNode(authority, "node1");
        using var other = TestCertificates.IssueNode(authority, "node2");
        TestCertificates.WritePem(authority, File("ca.crt"));
        TestCertificates.WritePem(node, File("node1.crt"), File("node1.key"));
        TestCertificates.WritePem(other, File("node2.crt"), File("node2.key"));
        TestCertificates.WritePfx(node, File("node1.pfx"), PfxPassword);
    }

    [OneTimeTearDown]
    public void DeleteCertificates()
    {
        authority.Dispose();
        Directory.Delete(root, recursive: true);
    }

    [TestCase("{https}", "Raft3D:HttpUrl 'https://127.0.0.1:{api}' is https but Raft3D:Security:Tls names no certificate")]
    [TestCase("{https} --Raft3D:Security:Tls:CertificateFile={root}/node1.crt --Raft3D:Security:Tls:KeyFile={root}/missing.key", "Raft3D:Security:Tls:KeyFile '{root}/missing.key' does not exist.")]
    [TestCase("{https} --Raft3D:Security:Tls:CertificateFile={root}/missing.crt --Raft3D:Security:Tls:KeyFile={root}/node1.key", "Raft3D:Security:Tls:CertificateFile '{root}/missing.crt' does not exist.")]
    [TestCase("{https} --Raft3D:Security:Tls:CertificateFile={root}/node1.crt --Raft3D:Security:Tls:KeyFile={root}/node2.key", "Raft3D:Security:Tls:CertificateFile '{root}/node1.crt' with Raft3D:Security:Tls:KeyFile '{root}/node2.key' is not a PEM certificate and its private key")]
    [TestCase("{https} --Raft3D:Security:Tls:PfxFile={root}/node1.pfx --Raft3D:Security:Tls:PfxPassword=wrong", "Raft3D:Security:Tls:PfxFile '{root}/node1.pfx' cannot be opened")]
    [TestCase("{https} --Raft3D:Security:Tls:PfxFile={root}/node1.pfx --Raft3D:Security:Tls:CertificateFile={root}/node1.crt", "names both CertificateFile and PfxFile")]
    [TestCase("{https} --Raft3D:Security:Tls:PfxFile={root}/node1.pfx --Raft3D:Security:Tls:PfxPassword=farm-secret --Raft3D:Security:Tls:CaFile={root}/node1.key", "Raft3D:Security:Tls:CaFile '{root}/node1.key' holds no PEM certificate")]
    [TestCase("{https-raft} --Raft3D:Security:Tls:PfxFile={root}/node1.pfx --Raft3D:Security:Tls:PfxPassword=farm-secret --Raft3D:Security:Tls:RequireClientCertificate=true", "RequireClientCertificate needs Raft3D:Security:Tls:CaFile")]
    [TestCase("--Raft3D:Security:Tls:CaFile={root}/ca.crt --Raft3D:Security:Tls:RequireClientCertificate=true", "RequireClientCertificate needs an https Raft3D:RaftUrl; it is 'http://127.0.0.1:{raft}/'")]
    public void Tls_settings_that_cannot_work_are_refused_in_one_line(string settings, string expected)
    {
        var (api, raft) = (FreePorts.Next(), FreePorts.Next());
        string Fill(string text) => text.Replace("{root}", root, StringComparison.Ordinal)
            .Replace("{https}", $"--Raft3D:HttpUrl=https://127.0.0.1:{api}", StringComparison.Ordinal)
            .Replace("{https-raft}", $"--Raft3D:RaftUrl=https://127.0.0.1:{raft}/ --Raft3D:Members:0:Raft=https://127.0.0.1:{raft}/", StringComparison.Ordinal)
            .Replace("{api}", $"{api}", StringComparison.Ordinal)
            .Replace("{raft}", $"{raft}", StringComparison.Ordinal);

        var args = Node(api, raft, "http").Concat(Fill(settings).Split(' ')).ToArray();
        var exception = Assert.ThrowsAsync<InvalidConfigurationException>(() => NodeApplication.BuildAsync(args, root));
        Assert.That(exception!.Message, Does.Contain(Fill(expected)).And.Not.Contain("\n"));
    }

    [Test]
    public async Task The_node_binary_given_https_and_a_missing_key_file_prints_one_line_naming_it_and_exits_2()
    {
        var (api, raft) = (FreePorts.Next(), FreePorts.Next());
        var missing = Path.Combine(root, "node1-missing.key");
        var (exitCode, output) = await ProcessRunner.RunAsync(
            "dotnet",
            [ProcessCluster.NodeBinary, .. Node(api, raft, "https"), $"--Raft3D:Security:Tls:CertificateFile={File("node1.crt")}", $"--Raft3D:Security:Tls:KeyFile={missing}"],
            root,
            environment: null,
            TimeSpan.FromMinutes(1));
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2), output);
            Assert.That(output.Trim(), Is.EqualTo($"raft3d: cannot start: Raft3D:Security:Tls:KeyFile '{missing}' does not exist."));
        });
    }

    [Test]
    public async Task A_node_with_a_PFX_serves_https_on_both_listeners_to_clients_that_trust_its_CA()
    {
        var (api, raft) = (FreePorts.Next(), FreePorts.Next());
        var app = await NodeApplication.BuildAsync(
            [.. Node(api, raft, "https"), $"--Raft3D:Security:Tls:PfxFile={File("node1.pfx")}", $"--Raft3D:Security:Tls:PfxPassword={PfxPassword}", $"--Raft3D:Security:Tls:CaFile={File("ca.crt")}"],
            root);
        await app.StartAsync();
        try
        {
            using var client = TlsHttpClient.TrustingOnly(File("ca.crt"), new Uri($"https://127.0.0.1:{api}"));
            var status = await Eventually.ReturnsAsync(
                async () => await client.GetFromJsonAsync<JsonElement>("/cluster/status") is { } s && s.GetProperty("role").GetString() == "leader" ? (object)s : null,
                TimeSpan.FromSeconds(30),
                "the single node to lead, answering over https");
            Assert.That(((JsonElement)status).GetProperty("leader_api_url").GetString(), Is.EqualTo($"https://127.0.0.1:{api}"));

            using var raftClient = TlsHttpClient.TrustingOnly(File("ca.crt"), new Uri($"https://127.0.0.1:{raft}"));
            using var raftAnswer = await raftClient.GetAsync("/");
            Assert.That(raftAnswer.Version.Major, Is.EqualTo(1), "the raft listener answers over TLS");

            using var untrusting = new HttpClient { BaseAddress = new Uri($"https://127.0.0.1:{api}") };
            Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("/healthz"), "a client that does not trust the test CA");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private string[] Node(int api, int raft, string scheme) =>
    [
        "--Raft3D:NodeId=node1",
        $"--Raft3D:HttpUrl={scheme}://127.0.0.1:{api}",
        $"--Raft3D:RaftUrl={scheme}://127.0.0.1:{raft}/",
        $"--Raft3D:DataDirectory={Path.Combine(root, $"data-{api}")}",
        "--Raft3D:Members:0:Id=node1",
        $"--Raft3D:Members:0:Raft={scheme}://127.0.0.1:{raft}/",
        $"--Raft3D:Members:0:Http={scheme}://127.0.0.1:{api}",
    ];

    private string File(string name) => Path.Combine(root, name);
}
