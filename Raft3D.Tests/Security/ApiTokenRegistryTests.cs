using Raft3D.Node.Configuration;
using Raft3D.Node.Security;

namespace Raft3D.Tests.Security;

[TestFixture]
[Category("Fast")]
public sealed class ApiTokenRegistryTests
{
    [Test]
    public void ATokenIsFoundByItsSecretAndNoOtherString()
    {
        var registry = ApiTokenRegistry.Load(new SecurityOptions
        {
            Tokens =
            [
                new ApiTokenOptions { Name = "ops", Role = "operator", Sha256 = TestTokens.Sha256Hex("r3d_ops") },
                new ApiTokenOptions { Name = "boss", Role = "ADMIN", Sha256 = TestTokens.Sha256Hex("r3d_boss").ToUpperInvariant() },
            ],
        });

        Assert.That(registry.IsEnabled, Is.True);
        Assert.That(registry.Find("r3d_ops"), Is.EqualTo(registry.Tokens[0]));
        Assert.That(registry.Find("r3d_boss")?.Role, Is.EqualTo(ApiRole.Admin));
        Assert.That(registry.Find("r3d_op"), Is.Null);
        Assert.That(registry.Find(TestTokens.Sha256Hex("r3d_ops")), Is.Null, "the hash itself is not a token");
    }

    [Test]
    public void NoTokensMeansOpen() => Assert.That(ApiTokenRegistry.Load(new SecurityOptions()).IsEnabled, Is.False);

    [TestCase("", "viewer", "Name is required")]
    [TestCase("a", "root", "Role must be viewer, operator or admin")]
    [TestCase("a", "viewer", "Sha256 must be the 64 hex digits", "abc")]
    public void AMalformedTokenStopsTheNodeWithItsKey(string name, string role, string message, string? hash = null)
    {
        var options = new SecurityOptions { Tokens = [new ApiTokenOptions { Name = name, Role = role, Sha256 = hash ?? TestTokens.Sha256Hex("x") }] };

        Assert.That(() => ApiTokenRegistry.Load(options), Throws.TypeOf<InvalidConfigurationException>()
            .With.Message.Contains("Raft3D:Security:Tokens:0").And.Message.Contains(message));
    }

    [Test]
    public void TokensAreReadFromAFileToo()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, $$"""[{"name":"from-file","role":"viewer","sha256":"{{TestTokens.Sha256Hex("r3d_file")}}"}]""");
            var registry = ApiTokenRegistry.Load(new SecurityOptions { TokensFile = file });
            Assert.That(registry.Find("r3d_file")?.Name, Is.EqualTo("from-file"));

            File.WriteAllText(file, "not json");
            Assert.That(() => ApiTokenRegistry.Load(new SecurityOptions { TokensFile = file }), Throws.TypeOf<InvalidConfigurationException>().With.Message.Contains("TokensFile"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
