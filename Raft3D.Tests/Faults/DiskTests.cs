using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Faults;

/// <summary>What the data directory does over a long run, and what a node does with a damaged one.</summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class DiskTests
{
    [Test]
    public async Task After_50000_writes_old_log_chunks_and_snapshots_are_reclaimed()
    {
        const int writes = 50_000;
        await using var cluster = await ProcessCluster.StartAsync(snapshotInterval: 5_000);
        var leader = cluster.Node(await cluster.WaitForLeaderAsync());
        using var http = new HttpClient { BaseAddress = new Uri(leader.ApiUrl), Timeout = TimeSpan.FromSeconds(30) };
        var failures = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, writes),
            new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, token) =>
            {
                using var response = await http.PostAsJsonAsync("/api/v1/printers", new { id = $"bulk-{i}", company = "Bulk", model = "M" }, token);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            });
        Assert.That(failures, Is.Zero, "a healthy cluster acknowledges every write");
        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(60));

        foreach (var node in cluster.Nodes)
        {
            var snapshots = Directory.GetFiles(Path.Combine(node.DataDirectory, "snapshots"), "*-*");
            var walBytes = Directory.EnumerateFiles(Path.Combine(node.DataDirectory, "wal"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var totalBytes = cluster.DataDirectoryBytes(node.Id);
            TestContext.Out.WriteLine($"{node.Id}: {snapshots.Length} snapshot(s), WAL {walBytes / 1024} KiB, data directory {totalBytes / 1024} KiB after {writes} writes");
            Assert.Multiple(() =>
            {
                Assert.That(snapshots, Has.Length.LessThanOrEqualTo(2), $"{node.Id}: old snapshots should be deleted");

                // 50,000 entries of ~60 bytes plus their metadata would be several MiB if never reclaimed.
                Assert.That(walBytes, Is.LessThan(4L * 1024 * 1024), $"{node.Id}: the log should hold only what follows the last snapshot");
                Assert.That(totalBytes, Is.LessThan(16L * 1024 * 1024), $"{node.Id}: the data directory should stay bounded");
            });
        }
    }

    [Test]
    public async Task A_corrupted_snapshot_is_refused_in_one_line_naming_the_file_and_a_wiped_node_catches_up()
    {
        await using var cluster = await ProcessCluster.StartAsync(snapshotInterval: 50);
        var leader = await cluster.WaitForLeaderAsync();
        await WriteAsync(cluster, leader, 0, 130);
        var victim = cluster.Nodes.First(n => n.Id != leader);
        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(30));
        cluster.Kill(victim.Id);

        var snapshot = Directory.GetFiles(Path.Combine(victim.DataDirectory, "snapshots"), "*-*").OrderBy(f => long.Parse(Path.GetFileName(f).Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)).Last();
        var bytes = await File.ReadAllBytesAsync(snapshot);
        bytes[bytes.Length / 2] ^= 0x42;
        await File.WriteAllBytesAsync(snapshot, bytes);

        cluster.Start(victim.Id);
        var exit = await cluster.WaitForExitAsync(victim.Id, TimeSpan.FromSeconds(60));
        var output = cluster.OutputOf(victim.Id);
        var reason = output.Split('\n').Single(l => l.StartsWith("raft3d: cannot start:", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(reason, Does.Contain(snapshot).And.Contain("checksum"));
        });

        // The operator's remedy: wipe the node's data; it catches up from its peers (by snapshot).
        Directory.Delete(victim.DataDirectory, recursive: true);
        cluster.Start(victim.Id);
        await WriteAsync(cluster, leader, 130, 10);
        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(60));
        var printers = await cluster.Client(victim.Id).GetFromJsonAsync<List<object>>("/api/v1/printers?consistency=local");
        Assert.That(printers, Has.Count.EqualTo(140));
    }

    [Test]
    public async Task A_torn_log_tail_is_refused_in_one_line_naming_the_log_and_a_wiped_node_catches_up()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        await WriteAsync(cluster, leader, 0, 60);
        var victim = cluster.Nodes.First(n => n.Id != leader);
        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(30));
        cluster.Kill(victim.Id);

        // Tear the newest log data file: zero the last bytes written to it, as a crash that lost them would.
        // (Chunk files have a fixed length; the entries fill them from the start.)
        var newest = Directory.EnumerateFiles(Path.Combine(victim.DataDirectory, "wal"), "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f)).Where(f => f.Directory!.Name == "data" && f.Length > 0).OrderBy(f => long.Parse(f.Name, CultureInfo.InvariantCulture)).Last();
        var bytes = await File.ReadAllBytesAsync(newest.FullName);
        var end = Array.FindLastIndex(bytes, b => b != 0) + 1;
        Array.Clear(bytes, Math.Max(0, end - 97), Math.Min(97, end));
        await File.WriteAllBytesAsync(newest.FullName, bytes);

        await WriteAsync(cluster, leader, 60, 20);
        cluster.Start(victim.Id);

        // Dropping the damaged entry could lose a write this node acknowledged, so it refuses to start, in one
        // line naming its log...
        var exit = await cluster.WaitForExitAsync(victim.Id, TimeSpan.FromSeconds(60));
        var reason = cluster.OutputOf(victim.Id).Split('\n').Single(l => l.StartsWith("raft3d: cannot start:", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(reason, Does.Contain(Path.Combine(victim.DataDirectory, "wal")).And.Contain("damaged"));
        });
        TestContext.Out.WriteLine($"{victim.Id} refused a torn log tail: {reason}");

        // ...and, wiped as the message says, catches up to exactly the others' state.
        Directory.Delete(victim.DataDirectory, recursive: true);
        cluster.Start(victim.Id);
        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(45));
        var printers = await cluster.Client(victim.Id).GetFromJsonAsync<List<object>>("/api/v1/printers?consistency=local");
        Assert.That(printers, Has.Count.EqualTo(80));
    }

    private static async Task WriteAsync(ProcessCluster cluster, string leader, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            using var response = await cluster.Client(leader).PostAsJsonAsync("/api/v1/printers", new { id = $"d-{i}", company = "Disk", model = "M" });
            await response.ExpectAsync(HttpStatusCode.Created, $"write {i}");
        }
    }
}
