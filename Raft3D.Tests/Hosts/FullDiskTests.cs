using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Raft3D.Tests.Faults;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// One member's data directory on a tmpfs of a few MiB that fills up under the farm's writes: the member refuses
/// what it cannot serve (503 with a code, never 500), the others go on, and nothing is lost once space is freed.
/// </summary>
[TestFixture]
[Category("Hosts")]
[NonParallelizable]
public sealed class FullDiskTests
{
    private const int DiskKiB = 8 * 1024;
    private const int ReserveKiB = 1024;
    private const int SnapshotInterval = 2_000;

    /// <summary>What the workload's own writes must fill once the filler has taken the rest.</summary>
    private const long FilledByWritesBytes = 384 * 1024;

    /// <summary>Less for a leader: filled in a few seconds, before an election under load could move leadership away.</summary>
    private const long FilledByLeaderWritesBytes = 64 * 1024;

    [OneTimeSetUp]
    public async Task RequireTmpfs()
    {
        if (await TmpfsMount.WhyUnavailableAsync() is { } why)
        {
            Assert.Ignore(why);
        }
    }

    [Test]
    public async Task A_follower_whose_disk_fills_refuses_what_it_cannot_serve_and_catches_up_without_a_restart_once_space_is_freed()
    {
        await using var cluster = await ProcessCluster.StartAsync(snapshotInterval: SnapshotInterval, extraArgs: [$"--Raft3D:Storage:ReserveKiB={ReserveKiB}"]);
        var victim = cluster.Nodes.First(n => n.Id != "node1");
        await using var disk = await MoveOntoTmpfsAsync(cluster, victim);
        await HandLeadershipAwayAsync(cluster, victim.Id);
        using var workload = new FarmWorkload(cluster.Nodes);
        await workload.StartAsync();

        await FillUnderWritesAsync(cluster, disk, victim, FilledByWritesBytes);
        await AssertRefusesWhatItCannotServeAsync(cluster, victim);
        await workload.AcknowledgedAtLeastAsync(workload.AcknowledgedCreates + 200, "the other members to go on acknowledging writes while one disk is full", 60);

        var freedAt = Stopwatch.GetTimestamp();
        disk.Free();
        await ResumesAsync(cluster, victim, freedAt);
        await workload.AcknowledgedAtLeastAsync(workload.AcknowledgedCreates + 50, "writes to go on after space was freed", 60);
        await workload.StopAsync();
        await FaultVerification.VerifyAsync(cluster, workload);
        await AssertOneEpisodeWithoutErrorsAsync(cluster, victim);
        TestContext.Out.WriteLine($"longest gap between acknowledged writes: {LongestGap(workload.History).TotalMilliseconds:0} ms");

        await RestartOnItsDataAsync(cluster, victim);
    }

    [Test]
    public async Task A_leader_whose_disk_fills_steps_down_the_others_elect_and_it_rejoins_once_space_is_freed()
    {
        await using var cluster = await ProcessCluster.StartAsync(snapshotInterval: SnapshotInterval, extraArgs: [$"--Raft3D:Storage:ReserveKiB={ReserveKiB}"]);

        // Every member on its own tmpfs, so whichever leads once the load flows is the one whose disk fills (no
        // resignations to steer the election, which under load can take longer than a test should wait).
        var disks = new Dictionary<string, TmpfsMount>(StringComparer.Ordinal);
        try
        {
            foreach (var node in cluster.Nodes)
            {
                disks[node.Id] = await MoveOntoTmpfsAsync(cluster, node);
            }

            using var workload = new FarmWorkload(cluster.Nodes);
            await workload.StartAsync();
            var victim = cluster.Node(await cluster.WaitForLeaderAsync());
            Assert.That(await cluster.MetricAsync(victim.Id, "raft3d_is_leader"), Is.EqualTo(1), $"{victim.Id} leads as its disk is filled");
            await FillLeaderUnderWritesAsync(cluster, disks[victim.Id], victim, workload);
        }
        finally
        {
            foreach (var disk in disks.Values)
            {
                await disk.DisposeAsync();
            }
        }
    }

    private static async Task FillLeaderUnderWritesAsync(ProcessCluster cluster, TmpfsMount disk, TestNode victim, FarmWorkload workload)
    {
        var fullAt = await FillUnderWritesAsync(cluster, disk, victim, FilledByLeaderWritesBytes);
        var others = cluster.Nodes.Where(n => n.Id != victim.Id).Select(n => n.Id).ToList();
        var newLeader = await Eventually.ReturnsAsync(
            async () => (await cluster.StatusAsync(others[0])).GetProperty("leader_id").GetString() is { } id && id != victim.Id ? id : null,
            TimeSpan.FromSeconds(30),
            "the other members to elect a leader among themselves");
        TestContext.Out.WriteLine($"{victim.Id} reported its disk full; {newLeader} leads {Stopwatch.GetElapsedTime(fullAt).TotalMilliseconds:0} ms later");
        Assert.That((await cluster.StatusAsync(victim.Id)).GetProperty("role").GetString(), Is.Not.EqualTo("leader"), "a member whose disk is full must step down");
        await AssertRefusesWhatItCannotServeAsync(cluster, victim);
        await workload.AcknowledgedAtLeastAsync(workload.AcknowledgedCreates + 200, "the other members to go on acknowledging writes under the new leader", 60);

        var freedAt = Stopwatch.GetTimestamp();
        disk.Free();
        await ResumesAsync(cluster, victim, freedAt);
        await workload.AcknowledgedAtLeastAsync(workload.AcknowledgedCreates + 50, "writes to go on after space was freed", 60);
        await workload.StopAsync();
        await FaultVerification.VerifyAsync(cluster, workload);
        await AssertOneEpisodeWithoutErrorsAsync(cluster, victim);
        TestContext.Out.WriteLine($"longest gap between acknowledged writes: {LongestGap(workload.History).TotalMilliseconds:0} ms");

        await RestartOnItsDataAsync(cluster, victim);
    }

    /// <summary>
    /// The backstop: with the guard off, ENOSPC reaches DotNext's log, which cannot resume in the process. With
    /// direct I/O the write fails and the node stops itself (exit code 3, one line); with memory-mapped pages
    /// the write is a SIGBUS and the runtime kills it. Either way, restarted on the same data, it loses nothing.
    /// </summary>
    [TestCase("DirectIo")]
    [TestCase("Mapped")]
    public async Task Without_the_guard_a_member_whose_log_meets_a_full_disk_stops_and_restarted_on_its_data_loses_nothing(string durability)
    {
        await using var cluster = await ProcessCluster.StartAsync(snapshotInterval: SnapshotInterval, extraArgs: ["--Raft3D:Storage:ReserveKiB=0", $"--Raft3D:Durability={durability}"]);
        var victim = cluster.Nodes.First(n => n.Id != "node1");
        await using var disk = await MoveOntoTmpfsAsync(cluster, victim);
        await HandLeadershipAwayAsync(cluster, victim.Id);
        using var workload = new FarmWorkload(cluster.Nodes);
        await workload.StartAsync();

        await disk.FillLeavingAsync(FilledByWritesBytes);
        var exit = await cluster.WaitForExitAsync(victim.Id, TimeSpan.FromSeconds(120));
        var output = cluster.OutputOf(victim.Id);
        TestContext.Out.WriteLine($"{victim.Id} ({durability}) exited with {exit}: {LinesOf(output, "Stopping:", "Fatal error", "AccessViolation").FirstOrDefault()}");
        Assert.Multiple(() =>
        {
            Assert.That(exit, durability == "DirectIo" ? Is.EqualTo(3) : Is.Not.Zero, "the member whose log failed must not go on as if nothing happened");
            Assert.That(LinesOf(output, "Unhandled error"), Is.Empty, "a full disk must never be answered 500");
        });
        if (durability == "DirectIo")
        {
            Assert.That(LinesOf(output, "StorageGuard: Stopping:"), Has.Count.EqualTo(1).And.All.Contain("No space left on device"), "one line saying why the node stopped");
        }

        await workload.AcknowledgedAtLeastAsync(workload.AcknowledgedCreates + 100, "the other members to go on acknowledging writes", 60);
        disk.Free();
        cluster.Start(victim.Id);
        await workload.AcknowledgedAtLeastAsync(workload.AcknowledgedCreates + 50, "writes to go on after the member restarted", 60);
        await workload.StopAsync();
        await FaultVerification.VerifyAsync(cluster, workload);
        Assert.That(LinesOf(cluster.OutputOf(victim.Id), "cannot start"), Is.Empty, "the member must start on the data it left");
    }

    /// <summary>SIGKILLs <paramref name="node"/>, mounts a small tmpfs over its data directory (its files copied in) and starts it again.</summary>
    private static async Task<TmpfsMount> MoveOntoTmpfsAsync(ProcessCluster cluster, TestNode node)
    {
        cluster.Kill(node.Id);
        var disk = await TmpfsMount.MountOverAsync(node.DataDirectory, DiskKiB);
        try
        {
            cluster.Start(node.Id);
            await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(60));
            return disk;
        }
        catch
        {
            await disk.DisposeAsync();
            throw;
        }
    }

    private static async Task HandLeadershipAwayAsync(ProcessCluster cluster, string nodeId)
    {
        while (await cluster.WaitForLeaderAsync() == nodeId)
        {
            using var resign = await cluster.Client(nodeId).PostAsync("/cluster/leader/resign", content: null);
            await Eventually.HoldsAsync(async () => await cluster.WaitForLeaderAsync() != nodeId, TimeSpan.FromSeconds(30), $"{nodeId} to hand leadership away");
        }
    }

    /// <summary>Leaves the guard's reserve and a little more free, and waits for the workload's writes to fill the rest.</summary>
    private static async Task<long> FillUnderWritesAsync(ProcessCluster cluster, TmpfsMount disk, TestNode victim, long leftForWrites)
    {
        var snapshots = new DirectoryInfo(Path.Combine(victim.DataDirectory, "snapshots")).EnumerateFiles("*-*").Select(f => f.Length).DefaultIfEmpty(0).Max();
        await disk.FillLeavingAsync((ReserveKiB * 1024L) + snapshots + leftForWrites);
        var filledAt = Stopwatch.GetTimestamp();
        await Eventually.HoldsAsync(
            async () => await cluster.MetricAsync(victim.Id, "raft3d_storage_full") == 1,
            TimeSpan.FromSeconds(120),
            $"{victim.Id}'s last {leftForWrites / 1024} KiB above the reserve to fill under writes, and raft3d_storage_full to say so");
        TestContext.Out.WriteLine($"{victim.Id}: the last {leftForWrites / 1024} KiB filled under writes in {Stopwatch.GetElapsedTime(filledAt).TotalSeconds:0.0} s; {disk.AvailableBytes / 1024} KiB left");
        return Stopwatch.GetTimestamp();
    }

    private static async Task AssertRefusesWhatItCannotServeAsync(ProcessCluster cluster, TestNode victim)
    {
        var client = cluster.Client(victim.Id);
        using var ready = await client.GetAsync("/readyz");
        var readiness = await ready.Content.ReadFromJsonAsync<JsonElement>();
        using var read = await client.GetAsync("/api/v1/printers");
        using var localRead = await client.GetAsync(FarmApi.Local("/api/v1/printers"));
        using var write = await client.CreatePrinterAsync("disk-probe", "Full", "Disk");
        var readCode = read.StatusCode == HttpStatusCode.ServiceUnavailable ? await read.ProblemCodeAsync() : null;

        // A write is forwarded while this member still hears a leader, and that leader's answer comes back (201,
        // or its own 503 right after an election); once it hears none, it is refused insufficient_storage.
        var writeCode = write.StatusCode == HttpStatusCode.ServiceUnavailable ? await write.ProblemCodeAsync() : null;
        TestContext.Out.WriteLine($"{victim.Id} while full: /readyz {(int)ready.StatusCode}, linearizable read {(int)read.StatusCode} {readCode}, local read {(int)localRead.StatusCode}, write {(int)write.StatusCode} {writeCode}");
        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a member whose disk is full is not ready");
            Assert.That(readiness.GetProperty("reason").GetString(), Does.Contain("Storage full"));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a linearizable read it cannot catch up for");
            Assert.That(readCode, Is.EqualTo("insufficient_storage"));
            Assert.That(read.Headers.RetryAfter, Is.Not.Null, "a 503 says when to retry");
            Assert.That(localRead.StatusCode, Is.EqualTo(HttpStatusCode.OK), "its own, possibly stale, state is still readable");
            Assert.That(write.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable), "a write is served elsewhere or refused with a problem, never a 500");
        });
    }

    private static async Task ResumesAsync(ProcessCluster cluster, TestNode victim, long freedAt)
    {
        await Eventually.HoldsAsync(
            async () => (await cluster.Client(victim.Id).GetAsync("/readyz")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            $"{victim.Id} to be ready again once space was freed (storing, following a leader, caught up)");
        TestContext.Out.WriteLine($"{victim.Id} ready again {Stopwatch.GetElapsedTime(freedAt).TotalMilliseconds:0} ms after space was freed, in the same process");
        var full = await cluster.MetricAsync(victim.Id, "raft3d_storage_full");
        Assert.Multiple(() =>
        {
            Assert.That(full, Is.Zero);
            Assert.That(cluster.IsRunning(victim.Id), "caught up without a restart");
        });
    }

    /// <summary>One line when the disk filled, one when it was freed; no ENOSPC ever reached the log, and no request got a 500.</summary>
    private static async Task AssertOneEpisodeWithoutErrorsAsync(ProcessCluster cluster, TestNode victim)
    {
        var output = cluster.OutputOf(victim.Id);
        var errors = await cluster.MetricAsync(victim.Id, "raft3d_storage_errors_total");
        Assert.Multiple(() =>
        {
            Assert.That(LinesOf(output, "StorageGuard: Storage full:"), Has.Count.EqualTo(1));
            Assert.That(LinesOf(output, "StorageGuard: Storage available again:"), Has.Count.EqualTo(1));
            Assert.That(LinesOf(output, "Unhandled error"), Is.Empty, "a full disk must never be answered 500");
            Assert.That(errors, Is.Zero, "the guard must stop storing before the file system refuses a write");
        });
        TestContext.Out.WriteLine(string.Join("\n", LinesOf(output, "StorageGuard:")));
    }

    /// <summary>The log and snapshot the episode left are intact: the member starts on them and converges.</summary>
    private static async Task RestartOnItsDataAsync(ProcessCluster cluster, TestNode victim)
    {
        cluster.Kill(victim.Id);
        cluster.Start(victim.Id);
        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(60));
        Assert.That(LinesOf(cluster.OutputOf(victim.Id), "cannot start"), Is.Empty);
    }

    private static List<string> LinesOf(string output, params string[] any)
        => [.. output.Split('\n').Where(line => any.Any(text => line.Contains(text, StringComparison.Ordinal)))];

    private static TimeSpan LongestGap(IReadOnlyList<HistoryOperation> history)
    {
        var acknowledged = history.Where(o => o is { Kind: OperationKind.Create, Result: OperationResult.Ok }).Select(o => o.End).Order().ToList();
        return acknowledged.Zip(acknowledged.Skip(1), (earlier, later) => Stopwatch.GetElapsedTime(earlier, later)).DefaultIfEmpty().Max();
    }
}
