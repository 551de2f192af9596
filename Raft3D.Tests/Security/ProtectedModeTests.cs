using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;
using Raft3D.Node.Security;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Security;

/// <summary>A node reachable from other machines does not start open, and says in one line what it lacks.</summary>
[TestFixture]
[Category("Fast")]
public sealed class ProtectedModeTests
{
    private const string Secret = "a-cluster-secret-of-at-least-32-characters";

    [TestCase("http://127.0.0.1:8080", true)]
    [TestCase("http://localhost:8080", true)]
    [TestCase("http://[::1]:8080", true)]
    [TestCase("http://127.0.0.2:8080", true)]
    [TestCase("http://0.0.0.0:8080", false)]
    [TestCase("http://[::]:8080", false)]
    [TestCase("http://192.168.1.20:8080", false)]
    [TestCase("http://node1.farm:8080", false)]
    public void OnlyLoopbackCountsAsLoopback(string url, bool loopback) => Assert.That(ProtectedMode.IsLoopback(url), Is.EqualTo(loopback));

    [Test]
    public async Task ANodeBoundBeyondLoopbackWithoutAuthRefusesToStartNamingTheMissingKeys()
    {
        var error = await BuildAsync("0.0.0.0");

        Assert.That(error, Is.TypeOf<InvalidConfigurationException>());
        Assert.That(error!.Message, Does.StartWith("protected mode: Raft3D:HttpUrl http://0.0.0.0:").And.Contains("Raft3D:RaftUrl"));
        Assert.That(error.Message, Does.Contain("Raft3D:Security:Tokens").And.Contains("Raft3D:Security:ClusterSecret").And.Contains("AllowInsecure"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public async Task TokensAndASecretOrAnExplicitOverrideLetItStart()
    {
        var tokens = new TestTokens();
        Assert.That(await BuildAsync("0.0.0.0", tokens.Settings()), Is.Null);
        Assert.That(await BuildAsync("0.0.0.0", "--Raft3D:Security:AllowInsecure=true"), Is.Null);
    }

    [Test]
    public void TokensWithoutAClusterSecretAreRefusedEvenOnLoopback()
    {
        var options = new Raft3DOptions { HttpUrl = "http://127.0.0.1:1", RaftUrl = "http://127.0.0.1:2" };
        options.Security.Tokens.Add(new ApiTokenOptions { Name = "a", Role = "admin", Sha256 = TestTokens.Sha256Hex("x") });

        Assert.That(
            () => ProtectedMode.Check(options, ApiTokenRegistry.Load(options.Security), proof: null),
            Throws.TypeOf<InvalidConfigurationException>().With.Message.Contains("ClusterSecret"));
    }

    [Test]
    public void AShortClusterSecretIsRefused()
    {
        var options = new Raft3DOptions { NodeId = "node1" };
        options.Security.ClusterSecret = "short";

        Assert.That(() => ClusterProof.Load(options), Throws.TypeOf<InvalidConfigurationException>().With.Message.Contains("at least 32"));
    }

    /// <summary>Builds (does not start) a node listening on <paramref name="host"/>; the configuration error, if any.</summary>
    private static async Task<Exception?> BuildAsync(string host, params string[] settings)
    {
        var root = Directory.CreateTempSubdirectory("raft3d-protected-").FullName;
        var node = new TestNode("node1", FreePorts.Next(), FreePorts.Next(), Path.Combine(root, "node1"), host);
        try
        {
            var app = await NodeApplication.BuildAsync(NodeArguments.Build(node, [node], join: false, snapshotInterval: 100, restoreFrom: null, settings), contentRoot: root);
            await app.DisposeAsync();
            return null;
        }
        catch (InvalidConfigurationException e)
        {
            return e;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
