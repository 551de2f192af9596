using System.Net;
using System.Net.Http.Json;
using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class OperationsTests
{
    [Test]
    public async Task Snapshot_now_writes_a_snapshot_at_the_returned_index_on_every_node()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        var follower = cluster.AFollower(await cluster.WaitForLeaderAsync());
        await (await cluster.Client(follower).CreatePrinterAsync("snap-p")).ExpectAsync(HttpStatusCode.Created, "printer");

        using var response = await cluster.Client(follower).PostAsync("/cluster/snapshot", null);
        await response.ExpectAsync(HttpStatusCode.OK, "snapshot via a follower");
        var index = (await response.JsonAsync()).GetProperty("snapshot_index").GetInt64();
        foreach (var node in cluster.Nodes)
        {
            await Eventually.HoldsAsync(
                () => Task.FromResult(Directory.EnumerateFiles(Path.Combine(node.DataDirectory, "snapshots")).Any(f => Path.GetFileName(f).StartsWith($"{index}-", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(10),
                $"{node.Id} to hold snapshot {index}");
        }
    }

    [Test]
    public async Task Resign_through_a_follower_makes_the_leader_step_down()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var term = (await cluster.StatusAsync(leader)).GetProperty("term").GetInt64();
        using var response = await cluster.Client(cluster.AFollower(leader)).PostAsync("/cluster/leader/resign", null);
        await response.ExpectAsync(HttpStatusCode.OK, "resign");
        await Eventually.HoldsAsync(
            async () => (await cluster.StatusAsync(leader)).GetProperty("term").GetInt64() > term && await cluster.WaitForLeaderAsync() is not null,
            TimeSpan.FromSeconds(15),
            "a new election after the resignation");
    }

    [Test]
    public async Task A_backup_restores_into_a_new_cluster_with_nothing_lost()
    {
        string backupFile;
        long backupIndex;
        await using (var original = await InProcessCluster.StartAsync())
        {
            var client = original.Client(original.AFollower(await original.WaitForLeaderAsync()));
            await SeedFlow.RunAsync(client, "bk-");
            await (await client.CreateJobAsync("bk-j2", "bk-p1", "bk-f1", 50.125m)).ExpectAsync(HttpStatusCode.Created, "queued job");
            using var backup = await client.GetAsync("/cluster/backup");
            await backup.ExpectAsync(HttpStatusCode.OK, "backup");
            backupIndex = long.Parse(backup.Headers.GetValues("X-Raft3D-Backup-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);
            backupFile = Path.Combine(Path.GetTempPath(), $"raft3d-{Guid.NewGuid():N}.r3db");
            await File.WriteAllBytesAsync(backupFile, await backup.Content.ReadAsByteArrayAsync());
        }

        // A new cluster: node1 alone, seeded from the backup; two fresh nodes join it.
        await using var restored = await InProcessCluster.StartAsync(size: 1, restoreFrom: backupFile);
        await restored.JoinNewNodeAsync("node2");
        await restored.JoinNewNodeAsync("node3");
        await Eventually.HoldsAsync(
            async () => (await restored.StatusAsync("node1")).GetProperty("members").GetArrayLength() == 3,
            TimeSpan.FromSeconds(30),
            "the two new nodes to join the restored one");

        foreach (var node in restored.Nodes)
        {
            var client = restored.Client(node.Id);
            var spool = await client.GetJsonAsync("/api/v1/filaments/bk-f1");
            var job = await client.GetJsonAsync("/api/v1/print_jobs/bk-j2");
            Assert.Multiple(() =>
            {
                Assert.That(spool.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(800m), node.Id);
                Assert.That(job.GetProperty("print_weight_in_grams").GetDecimal(), Is.EqualTo(50.125m), node.Id);
            });
        }

        // The restored state goes on obeying its rules: the queued job still holds its grams.
        using var tooMuch = await restored.Client("node3").CreateJobAsync("bk-j3", "bk-p1", "bk-f1", 750m);
        Assert.That(await tooMuch.ProblemCodeAsync(), Is.EqualTo("insufficient_filament"));
        var status = await restored.StatusAsync("node1");
        Assert.That(status.GetProperty("last_applied_index").GetInt64(), Is.GreaterThanOrEqualTo(backupIndex));
        File.Delete(backupFile);
    }

    [Test]
    public async Task A_damaged_backup_is_refused_with_a_reason_naming_the_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"raft3d-{Guid.NewGuid():N}.r3db");
        await using (var original = await InProcessCluster.StartAsync(size: 1))
        {
            await (await original.Client("node1").CreatePrinterAsync("dmg-p")).ExpectAsync(HttpStatusCode.Created, "printer");
            var bytes = await original.Client("node1").GetByteArrayAsync("/cluster/backup");
            bytes[bytes.Length / 2] ^= 0xFF;
            await File.WriteAllBytesAsync(file, bytes);
        }

        var data = Directory.CreateTempSubdirectory("raft3d-restore-").FullName;
        string[] args =
        [
            "--Raft3D:NodeId=node1", "--Raft3D:HttpUrl=http://127.0.0.1:18181", "--Raft3D:RaftUrl=http://127.0.0.1:18182/",
            "--Raft3D:Members:0:Id=node1", "--Raft3D:Members:0:Raft=http://127.0.0.1:18182/", "--Raft3D:Members:0:Http=http://127.0.0.1:18181",
            $"--Raft3D:DataDirectory={data}", $"--Raft3D:RestoreFrom={file}",
        ];
        var refused = Assert.ThrowsAsync<InvalidConfigurationException>(() => NodeApplication.BuildAsync(args, data));
        Assert.That(refused!.Message, Does.Contain(file).And.Contain("checksum").And.Not.Contain("\n"));
        Directory.Delete(data, recursive: true);
        File.Delete(file);
    }

    [Test]
    public async Task A_member_list_is_available_on_every_node()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        var members = await cluster.Client(cluster.Nodes[2].Id).GetFromJsonAsync<List<Dictionary<string, object>>>("/cluster/members", InProcessCluster.Json);
        Assert.That(members, Has.Count.EqualTo(3));
    }
}
