using System.Diagnostics;
using System.Globalization;

namespace Raft3D.Bench;

/// <summary>
/// Runs Debian's wrk with bench/wrk/load.lua against one member and reads the script's WRK_RESULT line: the
/// throughput and latency rows come from a generator neither Raft3D nor etcd wrote, with one script for both.
/// Every run's full wrk output goes to wrk.log in the work directory, so a figure can be checked against it.
/// </summary>
internal sealed class WrkRunner(string script, string workDirectory)
{
    private const string ResultTag = "WRK_RESULT ";

    // The mixed rows run one wrk per member at once; their outputs go to wrk.log one after the other.
    private readonly Lock logLock = new();

    public async Task<LoadResult> RunAsync(IBenchTarget target, int node, WrkMode mode, string prefix, int connections, TimeSpan duration, int preload)
    {
        // Two threads at most: the machine has two cores, and wrk needs a connection per thread.
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args =
        [
            "-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s",
            // wrk's default of 2 s would count a write waiting out an election as an error instead of a slow answer.
            "--timeout", "10s",
            "-s", script,
            target.BaseUrl(node).ToString(),
            "--", target.WrkSystem, mode.ToString().ToLowerInvariant(), prefix, preload.ToString(CultureInfo.InvariantCulture), Payload.Model,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start wrk");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        var stderr = await errors;
        lock (logLock)
        {
            // Quoted so that the line can be pasted into a shell to run the same load again.
            File.AppendAllText(Path.Combine(workDirectory, "wrk.log"), $"$ wrk {string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))}\n{text}{stderr}\n");
        }

        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(ResultTag, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk against {target.Name} member {node + 1} printed no result (exit {process.ExitCode}): {stderr}");
        return Parse(line);
    }

    /// <summary>
    /// Acknowledged requests are wrk's completed ones less those with a non-2xx/3xx status; socket errors and
    /// timeouts never completed, so they are counted as errors only.
    /// </summary>
    private static LoadResult Parse(string line)
    {
        var fields = line[ResultTag.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
        var failed = fields["status"];
        var errors = failed + fields["connect"] + fields["read"] + fields["write"] + fields["timeout"];
        // With no answer at all (an election outlasting a short row) wrk prints percentiles of 0: not a latency.
        double Ms(string field) => fields["requests"] == 0 ? double.NaN : fields[field] / 1e3;
        return new LoadResult((int)(fields["requests"] - failed), (int)errors, fields["duration_us"] / 1e6, Ms("p50_us"), Ms("p99_us"), Ms("p999_us"));
    }
}
