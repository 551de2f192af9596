using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Compatibility;

/// <summary>
/// The data directory a node of commit 6f9ce2d (log entries and snapshots in format 1) left behind: node1 alone,
/// a format 1 snapshot at index 13 and format 1 entries 14–22 after it. Fixtures/format1/README.md says how it
/// was made, what each entry is, and how to make it again.
/// </summary>
internal static class Format1Fixture
{
    public const long SnapshotIndex = 13;

    public const long LastIndex = 22;

    // The membership on disk names the raft URL, so a node on this data listens exactly here. Above Linux's
    // ephemeral range (32768-60999), so FreePorts never hands these to another test.
    public const int ApiPort = 62841;

    public const int RaftPort = 62842;

    /// <summary>The farm as the old node served it last: printers (creation order) with what today's node derives for them.</summary>
    public static readonly (string Id, string Company, string Model, string State, string? CurrentJobId, int QueuedJobs, int CompletedJobs, decimal PrintedGrams)[] Printers =
    [
        ("p1", "Creality", "Ender3", "Idle", null, 1, 1, 200m),
        ("p2", "Prusa", "MK4", "Idle", null, 0, 1, 150m),
        ("p3", "Bambu Lab", "X1 Carbon", "Printing", "j5", 0, 0, 0m),
    ];

    public static readonly (string Id, string Type, string Color, decimal Total, decimal Remaining)[] Filaments =
    [
        ("f1", "PLA", "Red", 1000m, 650m),
        ("f2", "PETG", "Black", 750m, 500m),
        ("f3", "ABS", "White", 1000m, 900.125m),
    ];

    public static readonly (string Id, string PrinterId, string FilamentId, string Filepath, decimal Grams, string Status, int? QueuePosition, int ProgressPercent)[] PrintJobs =
    [
        ("j1", "p1", "f1", "/prints/cube.gcode", 200m, "Done", null, 100),
        ("j2", "p2", "f2", "/prints/bracket.gcode", 100m, "Canceled", null, 0),
        ("j3", "p2", "f1", "/prints/vase.gcode", 150m, "Done", null, 100),
        ("j4", "p1", "f2", "/prints/gear.gcode", 120m, "Canceled", null, 0),
        ("j5", "p3", "f3", "/prints/helmet.gcode", 250.5m, "Running", null, 0),
        ("j6", "p1", "f1", "/prints/benchy.gcode", 100m, "Queued", 1, 0),
    ];

    private static string Archive => Path.Combine(AppContext.BaseDirectory, "Fixtures", "format1", "node1.tar.gz");

    /// <summary>Unpacks the data directory under <paramref name="root"/> and returns the node it belongs to.</summary>
    public static TestNode ExtractTo(string root)
    {
        using (var gzip = new GZipStream(File.OpenRead(Archive), CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gzip, root, overwriteFiles: false);
        }

        return new TestNode("node1", ApiPort, RaftPort, Path.Combine(root, "node1"));
    }

    /// <summary>Fails the test in one clear line when a port the fixture's membership names is taken.</summary>
    public static void RequireFreePorts()
    {
        foreach (var port in new[] { ApiPort, RaftPort })
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                probe.Stop();
            }
            catch (SocketException e)
            {
                Assert.Fail(
                    $"127.0.0.1:{port} is busy ({e.SocketErrorCode}). The format 1 fixture's membership names API port {ApiPort} and raft port " +
                    $"{RaftPort}, so the node can listen nowhere else: stop what holds the port (ss -ltnp 'sport = :{port}') and run again.");
            }
        }
    }
}
