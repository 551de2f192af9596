using System.Diagnostics;
using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;

namespace Raft3D.Tests.Cluster;

[TestFixture]
[Category("Integration")]
public sealed class StartupTests
{
    private static readonly string[] ValidArgs =
    [
        "--Raft3D:NodeId=node1",
        "--Raft3D:HttpUrl=http://127.0.0.1:18080",
        "--Raft3D:RaftUrl=http://127.0.0.1:19090/",
        "--Raft3D:Members:0:Id=node1",
        "--Raft3D:Members:0:Raft=http://127.0.0.1:19090/",
        "--Raft3D:Members:0:Http=http://127.0.0.1:18080",
    ];

    [TestCase("--Raft3D:NodeId=node9", "is not one of Raft3D:Members")]
    [TestCase("--Raft3D:RaftUrl=http://localhost:19090/", "must be identical")]
    [TestCase("--Raft3D:HttpUrl=not a url", "Raft3D:HttpUrl 'not a url' is not an absolute")]
    [TestCase("--Raft3D:UpperElectionTimeout=100", "must be greater than LowerElectionTimeout")]
    [TestCase("--Raft3D:HttpUrl=http://127.0.0.1:19090", "different ports")]
    [TestCase("--Raft3D:Security:Limits:MaxRequestBodyBytes=100", "MaxRequestBodyBytes must be at least 1024")]
    [TestCase("--Raft3D:Security:Limits:Burst=0", "Burst must be at least 1")]
    [TestCase("--Raft3D:Security:Limits:PermitsPerSecond=-1", "PermitsPerSecond must be 0 (off)")]
    public void Invalid_configuration_is_refused_with_a_one_line_reason(string overrideArg, string expected)
    {
        var root = Directory.CreateTempSubdirectory("raft3d-config-").FullName;
        var exception = Assert.ThrowsAsync<InvalidConfigurationException>(() => NodeApplication.BuildAsync([.. ValidArgs, overrideArg], root));
        Assert.That(exception!.Message, Does.Contain(expected).And.Not.Contain("\n"));
        Directory.Delete(root, recursive: true);
    }

    [Test]
    public void A_log_written_with_another_chunk_size_is_refused_in_one_line()
    {
        var root = Directory.CreateTempSubdirectory("raft3d-config-").FullName;
        var data = Path.Combine(root, "node1");
        Directory.CreateDirectory(Path.Combine(data, "wal", "data"));
        File.WriteAllBytes(Path.Combine(data, "wal", "data", "7"), new byte[4096]);

        var exception = Assert.ThrowsAsync<InvalidConfigurationException>(
            () => NodeApplication.BuildAsync([.. ValidArgs, $"--Raft3D:DataDirectory={data}", "--Raft3D:LogChunkSizeKiB=1024"], root));
        Assert.That(exception!.Message, Does.Contain("written with 4 KiB chunks").And.Contain("Raft3D:LogChunkSizeKiB=4").And.Not.Contain("\n"));
        Directory.Delete(root, recursive: true);
    }

    [Test]
    public async Task The_node_binary_prints_one_line_and_exits_2_when_it_cannot_start()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Raft3D.Node.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { dll, "--Raft3D:NodeId=ghost", "--Raft3D:Members:0:Id=node1", "--Raft3D:Members:0:Raft=http://127.0.0.1:9090/", "--Raft3D:Members:0:Http=http://127.0.0.1:8080" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(2));
            Assert.That(stderr.Trim(), Does.StartWith("raft3d: cannot start: Raft3D:NodeId 'ghost' is not one of Raft3D:Members (node1)"));
            Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        });
    }
}
