using System.Net;
using Raft3D.Cli;
using Raft3D.Client;

namespace Raft3D.Tests.Cli;

/// <summary>
/// https nodes whose certificates a farm's own CA issued: trusted with that CA's file (--cacert), refused without
/// it, and refused with it when the certificate names another host, since only the root changes.
/// </summary>
[TestFixture]
[Category("Fast")]
[NonParallelizable]
public sealed class ClientTrustTests
{
    private SelfMadeCertificateAuthority authority = null!;
    private HttpsTestNode node = null!;
    private string caFile = null!;

    [OneTimeSetUp]
    public async Task StartNode()
    {
        authority = new SelfMadeCertificateAuthority();
        caFile = authority.WritePemFile();
        node = await HttpsTestNode.StartAsync(authority.IssueServerCertificate(["localhost"], [IPAddress.Loopback]));
    }

    [OneTimeTearDown]
    public async Task StopNode()
    {
        await node.DisposeAsync();
        authority.Dispose();
    }

    [Test]
    public async Task With_the_CA_file_the_client_trusts_the_node()
    {
        using var client = new Raft3DClient([node.Url], new Raft3DClientOptions { CaCertificateFile = caFile });

        var printers = await client.ListPrintersAsync();

        Assert.That(printers.Value?.Single().Id, Is.EqualTo("tls-p1"), printers.RawJson);
    }

    [Test]
    public void Without_the_CA_file_the_node_is_refused_and_the_message_says_why()
    {
        using var client = new Raft3DClient([node.Url]);

        var refused = Assert.ThrowsAsync<NoNodeReachableException>(() => client.ListPrintersAsync());

        Assert.That(refused!.Message, Does.Contain("SSL").And.Contain("certificate chain"));
    }

    [Test]
    public void Another_CA_file_does_not_make_the_node_trusted()
    {
        using var stranger = new SelfMadeCertificateAuthority("Someone else's CA");
        using var client = new Raft3DClient([node.Url], new Raft3DClientOptions { CaCertificateFile = stranger.WritePemFile() });

        Assert.ThrowsAsync<NoNodeReachableException>(() => client.ListPrintersAsync());
    }

    [Test]
    public async Task The_CA_file_does_not_excuse_a_certificate_for_another_host()
    {
        await using var impostor = await HttpsTestNode.StartAsync(authority.IssueServerCertificate(["node9.farm.invalid"], []));
        using var client = new Raft3DClient([impostor.Url], new Raft3DClientOptions { CaCertificateFile = caFile });

        var refused = Assert.ThrowsAsync<NoNodeReachableException>(() => client.ListPrintersAsync());

        Assert.That(refused!.Message, Does.Contain("RemoteCertificateNameMismatch"));
    }

    [Test]
    public async Task The_CLI_trusts_the_node_with_cacert_or_RAFT3D_CACERT_and_refuses_it_without()
    {
        var withOption = await CliResult.RunAsync(node.Url.ToString(), "--cacert", caFile, "printers", "list", "-o", "json");
        var withVariable = await CliResult.RunAsync(
            transport: null, node.Url.ToString(), new Dictionary<string, string?> { [GlobalOptions.CaCertificateVariable] = caFile }, CancellationToken.None, "printers", "list", "-o", "json");
        var without = await CliResult.RunAsync(node.Url.ToString(), "printers", "list");

        Assert.Multiple(() =>
        {
            Assert.That(withOption.Exit, Is.Zero, withOption.ToString());
            Assert.That(withOption.Output.Trim(), Is.EqualTo(HttpsTestNode.PrinterJson.Trim()));
            Assert.That(withVariable.Exit, Is.Zero, withVariable.ToString());
            Assert.That(without.Exit, Is.EqualTo(ExitCodes.Unavailable), without.ToString());
            Assert.That(without.Error, Does.StartWith("unreachable: ").And.Contain("certificate chain"));
        });
    }

    [Test]
    public async Task A_cacert_file_without_a_certificate_is_invalid_input()
    {
        var empty = Path.GetTempFileName();
        try
        {
            var result = await CliResult.RunAsync(node.Url.ToString(), "--cacert", empty, "printers", "list");

            Assert.That(result.Exit, Is.EqualTo(ExitCodes.InvalidInput), result.ToString());
            Assert.That(result.Error, Does.StartWith("invalid_input: ").And.Contain("holds no PEM certificate"));
        }
        finally
        {
            File.Delete(empty);
        }
    }
}
