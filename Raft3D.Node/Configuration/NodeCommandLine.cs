using System.Globalization;

namespace Raft3D.Node.Configuration;

/// <summary>
/// The node's options (<c>Raft3DOptions</c>) as a command line: how everything that launches nodes (the tests' in-process and
/// process clusters, the benchmark) starts one, built in one place. Self-contained on purpose: the benchmark
/// compiles this file in (linked), so it starts nodes exactly as the tests do without referencing the node's
/// project. The two run-cluster scripts build the same line in their own node_args / Get-NodeArguments.
/// </summary>
/// <param name="DataDirectory">The node's own folder: log, snapshots, membership file.</param>
public sealed record NodeCommandLine(string NodeId, string ApiUrl, string RaftUrl, string DataDirectory)
{
    /// <summary>The initial cluster as (id, raft URL, API URL); a joining node lists the members it asks, not itself.</summary>
    public IReadOnlyList<(string Id, string RaftUrl, string ApiUrl)> Members { get; init; } = [];

    /// <summary>Start as a new member of a running cluster (see Raft3D:Join).</summary>
    public bool Join { get; init; }

    public int? SnapshotInterval { get; init; }

    public double? SnapshotIntervalPerRow { get; init; }

    public string? RestoreFrom { get; init; }

    public string? LogFile { get; init; }

    /// <summary>Console log level; Warning keeps test and benchmark output to what matters.</summary>
    public string ConsoleLogLevel { get; init; } = "Warning";

    /// <summary>Any further <c>--Raft3D:Key=value</c> settings, appended last so they win.</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    public string[] ToArgs()
    {
        var args = new List<string>
        {
            $"--Raft3D:NodeId={NodeId}",
            $"--Raft3D:HttpUrl={ApiUrl}",
            $"--Raft3D:RaftUrl={RaftUrl}",
            $"--Raft3D:DataDirectory={DataDirectory}",
            $"--Raft3D:Logging:Console={ConsoleLogLevel}",
        };

        for (var i = 0; i < Members.Count; i++)
        {
            var (id, raft, api) = Members[i];
            args.Add($"--Raft3D:Members:{i}:Id={id}");
            args.Add($"--Raft3D:Members:{i}:Raft={raft}");
            args.Add($"--Raft3D:Members:{i}:Http={api}");
        }

        if (Join)
        {
            args.Add("--Raft3D:Join=true");
        }

        if (SnapshotInterval is { } interval)
        {
            args.Add($"--Raft3D:SnapshotInterval={interval.ToString(CultureInfo.InvariantCulture)}");
        }

        if (SnapshotIntervalPerRow is { } perRow)
        {
            args.Add($"--Raft3D:SnapshotIntervalPerRow={perRow.ToString(CultureInfo.InvariantCulture)}");
        }

        if (RestoreFrom is not null)
        {
            args.Add($"--Raft3D:RestoreFrom={RestoreFrom}");
        }

        if (LogFile is not null)
        {
            args.Add($"--Raft3D:Logging:FilePath={LogFile}");
        }

        args.AddRange(Extra);
        return [.. args];
    }
}
