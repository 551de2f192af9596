using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Observability;

/// <summary>The console and file sinks honour their own levels, and every line names the node.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class LoggingTests
{
    [Test]
    public async Task Console_and_file_levels_are_separate()
    {
        var home = Directory.CreateTempSubdirectory("raft3d-logs-").FullName;
        var file = Path.Combine(home, "node.log");
        var (apiPort, raftPort) = (FreePorts.Next(), FreePorts.Next());
        var dll = Path.Combine(AppContext.BaseDirectory, "Raft3D.Node.dll");
        string[] args =
        [
            dll,
            "--Raft3D:NodeId=solo",
            $"--Raft3D:HttpUrl=http://127.0.0.1:{apiPort}",
            $"--Raft3D:RaftUrl=http://127.0.0.1:{raftPort}/",
            "--Raft3D:Members:0:Id=solo",
            $"--Raft3D:Members:0:Raft=http://127.0.0.1:{raftPort}/",
            $"--Raft3D:Members:0:Http=http://127.0.0.1:{apiPort}",
            $"--Raft3D:DataDirectory={Path.Combine(home, "data")}",
            "--Raft3D:Logging:Console=Warning",
            "--Raft3D:Logging:File=Debug",
            $"--Raft3D:Logging:FilePath={file}",
        ];
        using var node = new NodeProcess(args);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        await Eventually.HoldsAsync(
            async () => (await client.GetAsync("/readyz")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            "the single-node cluster to elect itself");
        await client.GetAsync("/api/v1/printers");
        await Eventually.HoldsAsync(
            () => Task.FromResult(File.Exists(file) && ReadShared(file) is var text
                && text.Contains("Won the election", StringComparison.Ordinal) && text.Contains("Application started", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            "the election and the end of start-up to reach the log file");

        var consoleOutput = node.StopAndReadOutput();
        var fileText = ReadShared(file);
        Assert.Multiple(() =>
        {
            Assert.That(fileText, Does.Contain("[INF] solo Raft3D.Node.Observability.ClusterEventsService: Node solo starting"));
            Assert.That(fileText, Does.Contain("[DBG] solo "), "the file sink is at Debug");
            Assert.That(fileText, Does.Not.Contain("Microsoft.AspNetCore.Hosting.Diagnostics"), "no line per request");
            Assert.That(
                fileText,
                Does.Contain("[INF] solo Raft3D.Node.Hosting.BlockingGen2Guard: Gen-2 collections block and compact until one takes longer than 200 ms"),
                "a node that is the whole process starts with blocking gen-2 collections, limited by four fifths of the lower election timeout");
            Assert.That(consoleOutput, Does.Not.Contain("[INF]").And.Not.Contain("[DBG]"), "the console sink is at Warning");
        });
        Directory.Delete(home, recursive: true);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
