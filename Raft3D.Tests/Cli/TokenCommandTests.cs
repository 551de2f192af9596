using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Raft3D.Cli;

namespace Raft3D.Tests.Cli;

/// <summary>raft3d token new: a token a node will accept from the hash printed with it, and nothing else printed wrong.</summary>
[TestFixture]
[Category("Fast")]
public sealed class TokenCommandTests
{
    /// <summary>No node listens here: token new must not need one.</summary>
    private const string NoNode = "http://127.0.0.1:1";

    [TestCase("viewer")]
    [TestCase("operator")]
    [TestCase("admin")]
    public async Task The_printed_hash_is_the_SHA256_of_the_printed_tokens_UTF8_bytes_in_lowercase_hex(string role)
    {
        var result = await CliResult.RunAsync(NoNode, "token", "new", "--role", role, "--name", "ci-runner", "-o", "json");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        var token = result.Json.GetProperty("token").GetString()!;
        var sha256 = result.Json.GetProperty("sha256").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(sha256, Is.EqualTo(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant()));
            Assert.That(sha256, Does.Match("^[0-9a-f]{64}$"));
            Assert.That(token, Does.StartWith("r3d_"));
            Assert.That(Base64Url.DecodeFromChars(token.AsSpan(4)), Has.Length.EqualTo(32), "32 random bytes, base64url");
            Assert.That(result.Json.GetProperty("role").GetString(), Is.EqualTo(role));
            Assert.That(result.Json.GetProperty("name").GetString(), Is.EqualTo("ci-runner"));
            Assert.That(result.Error, Is.Empty);
        });
    }

    [Test]
    public async Task Each_run_makes_a_new_token_and_a_name_from_the_role_when_none_is_given()
    {
        var first = await CliResult.RunAsync(NoNode, "token", "new", "--role", "viewer", "-o", "json");
        var second = await CliResult.RunAsync(NoNode, "token", "new", "--role", "viewer", "-o", "json");

        Assert.Multiple(() =>
        {
            Assert.That(first.Json.GetProperty("token").GetString(), Is.Not.EqualTo(second.Json.GetProperty("token").GetString()));
            Assert.That(first.Json.GetProperty("name").GetString(), Does.Match("^viewer-[0-9a-f]{8}$"));
        });
    }

    [Test]
    public async Task The_text_form_prints_the_token_its_hash_and_the_configuration_to_paste()
    {
        var result = await CliResult.RunAsync(NoNode, "token", "new", "--role", "operator", "--name", "ops");

        Assert.That(result.Exit, Is.Zero, result.ToString());
        var token = Value(result, "token:");
        var sha256 = Value(result, "sha256:");
        Assert.Multiple(() =>
        {
            Assert.That(sha256, Is.EqualTo(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant()));
            Assert.That(result.Lines, Does.Contain($$"""{"Name":"ops","Role":"operator","Sha256":"{{sha256}}"}"""));
            Assert.That(result.Lines, Does.Contain("Raft3D__Security__Tokens__0__Name=ops"));
            Assert.That(result.Lines, Does.Contain("Raft3D__Security__Tokens__0__Role=operator"));
            Assert.That(result.Lines, Does.Contain($"Raft3D__Security__Tokens__0__Sha256={sha256}"));
            Assert.That(result.Output.Split(token).Length - 1, Is.EqualTo(1), "the token once, the configuration only its hash");
        });
    }

    [TestCase("--role", "root")]
    [TestCase("--role", "Admin")]
    [TestCase("--name", "ops")]
    public async Task An_unknown_or_missing_role_is_invalid_input(string option, string value)
    {
        var result = await CliResult.RunAsync(NoNode, "token", "new", option, value);

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.InvalidInput), result.ToString());
            Assert.That(result.Error, Does.StartWith("invalid_input: "));
            Assert.That(result.Output, Is.Empty);
        });
    }

    [TestCase("two words")]
    [TestCase("quote\"d")]
    [TestCase("a-name-longer-than-sixty-four-characters-is-refused-so-logs-stay-short")]
    public async Task A_name_that_would_need_quoting_in_logs_or_variables_is_invalid_input(string name)
    {
        var result = await CliResult.RunAsync(NoNode, "token", "new", "--role", "viewer", "--name", name);

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.InvalidInput), result.ToString());
            Assert.That(result.Error, Does.StartWith("invalid_input: --name "));
            Assert.That(result.Output, Is.Empty);
        });
    }

    private static string Value(CliResult result, string label)
        => result.Lines.Single(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();
}
