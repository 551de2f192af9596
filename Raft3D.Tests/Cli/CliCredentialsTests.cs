using System.Net;
using Raft3D.Cli;

namespace Raft3D.Tests.Cli;

/// <summary>
/// raft3d's --token and RAFT3D_TOKEN against scripted nodes: which token is sent, and what a refused one prints
/// (one line, never the token) and exits with.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class CliCredentialsTests
{
    private const string Nodes = "http://first.invalid:8080,http://second.invalid:8081";
    private const string OptionToken = "r3d_from-the-command-line-0000000000000000000000";
    private const string VariableToken = "r3d_from-the-environment-00000000000000000000000";

    private const string Unauthorized = """
        {"title":"A valid token is required.","status":401,"detail":"This node requires a token: send Authorization: Bearer <token> (the CLI takes --token or RAFT3D_TOKEN).","code":"unauthorized"}
        """;

    private const string Forbidden = """
        {"title":"The token's role does not allow this.","status":403,"detail":"The token 'viewer-1' has role viewer, which may not POST /api/v1/printers.","code":"forbidden"}
        """;

    [Test]
    public async Task The_token_option_is_sent_on_every_request()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, "[]"));

        var result = await RunAsync(transport, [], "printers", "list", "--token", OptionToken);

        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(transport.Requests.Select(r => r.Authorization), Is.EqualTo(new[] { $"Bearer {OptionToken}" }));
    }

    [Test]
    public async Task RAFT3D_TOKEN_is_sent_when_no_option_names_one_and_the_option_wins_over_it()
    {
        var fromVariable = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, "[]"));
        var fromBoth = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, "[]"));
        var variables = new Dictionary<string, string?> { [GlobalOptions.TokenVariable] = VariableToken };

        await RunAsync(fromVariable, variables, "jobs", "list");
        await RunAsync(fromBoth, variables, "--token", OptionToken, "jobs", "list");

        Assert.Multiple(() =>
        {
            Assert.That(fromVariable.Requests.Single().Authorization, Is.EqualTo($"Bearer {VariableToken}"));
            Assert.That(fromBoth.Requests.Single().Authorization, Is.EqualTo($"Bearer {OptionToken}"));
        });
    }

    [Test]
    public async Task A_401_exits_7_with_the_nodes_detail_in_one_line_and_no_failover()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.Unauthorized, Unauthorized));

        var result = await RunAsync(transport, [], "printers", "list");

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.Unauthorized), result.ToString());
            Assert.That(result.Error, Is.EqualTo("unauthorized: This node requires a token: send Authorization: Bearer <token> (the CLI takes --token or RAFT3D_TOKEN)." + Environment.NewLine));
            Assert.That(result.Output, Is.Empty);
            Assert.That(transport.Requests, Has.Count.EqualTo(1), "no other node tried");
        });
    }

    [Test]
    public async Task A_401_or_403_with_a_token_exits_7_and_never_prints_the_token()
    {
        var wrong = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.Unauthorized, Unauthorized));
        var weak = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.Forbidden, Forbidden));

        var unauthorized = await RunAsync(wrong, [], "--token", OptionToken, "printers", "add", "--company", "Prusa", "--model", "MK4");
        var forbidden = await RunAsync(weak, new Dictionary<string, string?> { [GlobalOptions.TokenVariable] = VariableToken }, "printers", "add", "--company", "Prusa", "--model", "MK4");

        Assert.Multiple(() =>
        {
            Assert.That(unauthorized.Exit, Is.EqualTo(ExitCodes.Unauthorized), unauthorized.ToString());
            Assert.That(unauthorized.Error, Does.StartWith("unauthorized: This node requires a token").And.EndWith(")." + Environment.NewLine));
            Assert.That(unauthorized.Error.Trim(), Does.Not.Contain('\n'), "one line");
            Assert.That(forbidden.Exit, Is.EqualTo(ExitCodes.Unauthorized), forbidden.ToString());
            Assert.That(forbidden.Error, Is.EqualTo("forbidden: The token 'viewer-1' has role viewer, which may not POST /api/v1/printers." + Environment.NewLine));
            Assert.That(unauthorized.ToString() + forbidden, Does.Not.Contain("r3d_from"), "no part of a token in any output");
        });
    }

    [Test]
    public async Task Jobs_watch_stops_with_exit_7_when_its_token_is_refused_instead_of_retrying_forever()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.Unauthorized, Unauthorized));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliResult.RunAsync(transport, Nodes, new Dictionary<string, string?>(), stop.Token, "jobs", "watch", "--interval", "0.1");

        Assert.Multiple(() =>
        {
            Assert.That(stop.IsCancellationRequested, Is.False, "the watch ended on its own");
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.Unauthorized), result.ToString());
            Assert.That(result.Error.Trim(), Does.StartWith("unauthorized: ").And.Not.Contain('\n'));
        });
    }

    [Test]
    public async Task Cluster_status_says_unauthorized_when_no_node_lets_it_in()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.Unauthorized, Unauthorized));

        var result = await RunAsync(transport, [], "cluster", "status");

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.Unauthorized), result.ToString());
            Assert.That(result.Row("http://first.invalid:8080/"), Does.EndWith("no: HTTP 401 unauthorized"));
            Assert.That(result.Error.Trim(), Does.StartWith("unauthorized: ").And.Not.Contain('\n'));
        });
    }

    [Test]
    public async Task A_token_that_cannot_be_a_header_is_invalid_input_and_is_not_echoed()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, "[]"));

        var result = await RunAsync(transport, [], "--token", "r3d_secret with space", "printers", "list");

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.InvalidInput), result.ToString());
            Assert.That(result.Error, Does.StartWith("invalid_input: ").And.Not.Contain("secret"));
            Assert.That(transport.Requests, Is.Empty);
        });
    }

    private static Task<CliResult> RunAsync(FakeTransport transport, Dictionary<string, string?> variables, params string[] args)
        => CliResult.RunAsync(transport, Nodes, variables, CancellationToken.None, args);
}
