using System.Net;
using System.Text;
using Raft3D.Cli;
using Raft3D.Cli.Output;

namespace Raft3D.Tests.Cli;

/// <summary>
/// raft3d against a fake transport, for what a healthy cluster does not answer on demand: a spool whose numbers
/// disagree, an export that breaks in the middle.
/// </summary>
[TestFixture]
public sealed class CliFakeTransportTests
{
    private const string Node = "http://node.invalid:8080";

    [Test]
    public async Task Verify_that_finds_a_disagreement_exits_6_with_one_line_per_problem_on_stderr()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, """
            {"ok":false,"filament_id":"f1","log_index":42,"remaining_weight_in_grams":800,"ledger_remaining_weight_in_grams":812.5,
             "reserved_weight_in_grams":0,"jobs_reserved_weight_in_grams":0,"entries":3,
             "problems":["remaining 800 is not the ledger's 812.5","entry 2 says 812.5 remained, the sum to it is 800"]}
            """));

        var result = await RunAsync(transport, "filaments", "verify", "f1");

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.VerificationFailed), result.ToString());
            Assert.That(result.Row("f1"), Does.Match(@"^f1 +no +42 +800 +812\.5 +0 +0 +3$"));
            Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
            {
                "verification_failed: remaining 800 is not the ledger's 812.5",
                "verification_failed: entry 2 says 812.5 remained, the sum to it is 800",
            }));
            Assert.That(transport.Requests.Single().Path, Is.EqualTo("/api/v1/filaments/f1/verify"));
        });
    }

    [Test]
    public async Task An_export_that_breaks_exits_3_and_leaves_the_earlier_file_as_it_was()
    {
        var target = Path.Combine(Path.GetTempPath(), $"raft3d-export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(target, "[\"yesterday's good export\"]");
        var transport = new FakeTransport(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new DroppedConnectionBody(Encoding.UTF8.GetBytes("[{\"id\":\"f1\"},"))),
        });

        try
        {
            var result = await RunAsync(transport, "export", "--file", target);

            Assert.Multiple(() =>
            {
                Assert.That(result.Exit, Is.EqualTo(ExitCodes.Unavailable), result.ToString());
                Assert.That(result.Error, Does.StartWith("export_interrupted: ").And.Contain("after 13 bytes"));
                Assert.That(File.ReadAllText(target), Is.EqualTo("[\"yesterday's good export\"]"));
                Assert.That(File.Exists(target + ".partial"), Is.False);
            });
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Test]
    public async Task An_export_to_stdout_is_the_nodes_text_even_when_a_character_is_split_between_chunks()
    {
        const string text = "id,color\r\nf1,Grün\r\nf2,€uro\r\n";
        var writer = new StringWriter();
        await using (var stdout = new TextWriterStream(writer))
        {
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                await stdout.WriteAsync(new[] { b });
            }
        }

        Assert.That(writer.ToString(), Is.EqualTo(text));
    }

    private static Task<CliResult> RunAsync(FakeTransport transport, params string[] args) => CliResult.RunAsync(transport, Node, args);
}
