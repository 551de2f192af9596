using System.CommandLine;
using System.Text.Json;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

public static class ClusterCommands
{
    public static Command Create(CommandRunner runner)
    {
        var cluster = new Command("cluster", "The Raft cluster. Example: raft3d cluster status");

        var status = new Command("status", "One row per node, asked of every node (like etcdctl endpoint status -w table). Example: raft3d cluster status --nodes http://127.0.0.1:8080,http://127.0.0.1:8081");
        runner.Bind(status, async (_, ctx, token) =>
        {
            var rows = await Task.WhenAll(ctx.Client.Nodes.Select(node => AskAsync(ctx.Client, node, token)));
            if (ctx.Renderer.Format == Output.OutputFormat.Json)
            {
                var items = rows.Select(r => r.Status is null
                    ? (object)new { endpoint = r.Node.ToString(), reachable = false, error = r.Error }
                    : new { endpoint = r.Node.ToString(), reachable = true, status = JsonDocument.Parse(r.Raw!).RootElement });
                ctx.Renderer.Json(JsonSerializer.Serialize(items, Raft3DJson.Options));
            }
            else
            {
                ctx.Renderer.Table(
                    ["ENDPOINT", "ID", "ROLE", "TERM", "LEADER", "COMMIT", "APPLIED", "REACHABLE"],
                    rows.Select(r => r.Status is { } s
                        ? (IReadOnlyList<string>)[r.Node.ToString(), s.NodeId ?? "?", s.Role, Cells.Number(s.Term), s.LeaderId ?? "-", Cells.Number(s.CommitIndex), Cells.Number(s.LastAppliedIndex), "yes"]
                        : [r.Node.ToString(), "-", "-", "-", "-", "-", "-", $"no: {r.Error}"]));
            }

            // The view is still useful with nodes down; it fails only when no node answers at all. When none let us in,
            // that is the one thing to fix, and no node being down would explain it.
            if (rows.Any(r => r.Status is not null))
            {
                return ExitCodes.Success;
            }

            return rows.FirstOrDefault(r => r.Refusal is not null).Refusal is { } refusal
                ? ctx.Refused(refusal.StatusCode, refusal.Problem)
                : ExitCodes.Unavailable;
        });

        var leader = new Command("leader", "Who leads now, and where its API is. Example: raft3d cluster leader");
        runner.Bind(leader, async (_, ctx, token) =>
            ctx.Show(await ctx.Client.GetLeaderAsync(token), (r, l) => r.Table(["LEADER", "TERM", "API", "RAFT"], [[l.LeaderId ?? "?", Cells.Number(l.Term), l.LeaderApiUrl ?? "?", l.LeaderRaftUrl]])));

        cluster.Subcommands.Add(status);
        cluster.Subcommands.Add(leader);
        return cluster;
    }

    /// <returns>The node's status; else what went wrong, and the answer itself when it refused the token (401, 403).</returns>
    private static async Task<(Uri Node, ClusterStatus? Status, string? Raw, string? Error, ApiResponse<ClusterStatus>? Refusal)> AskAsync(Raft3DClient client, Uri node, CancellationToken token)
    {
        try
        {
            var response = await client.GetClusterStatusAsync(node, token);
            if (response.IsSuccess)
            {
                return (node, response.Value, response.RawJson, null, null);
            }

            var error = $"HTTP {(int)response.StatusCode}" + (response.Problem?.Code is { } code ? " " + code : string.Empty);
            return (node, null, null, error, ExitCodes.FromStatus(response.StatusCode) == ExitCodes.Unauthorized ? response : null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // "The SSL connection could not be established" says nothing without its cause (an untrusted root, a wrong name).
            return (node, null, null, e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message} ({inner.Message})" : e.Message, null);
        }
    }
}
