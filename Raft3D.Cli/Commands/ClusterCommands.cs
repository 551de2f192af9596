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

            // The view is still useful with nodes down; it fails only when no node answers at all.
            return rows.Any(r => r.Status is not null) ? ExitCodes.Success : ExitCodes.Unavailable;
        });

        var leader = new Command("leader", "Who leads now, and where its API is. Example: raft3d cluster leader");
        runner.Bind(leader, async (_, ctx, token) =>
            ctx.Show(await ctx.Client.GetLeaderAsync(token), (r, l) => r.Table(["LEADER", "TERM", "API", "RAFT"], [[l.LeaderId ?? "?", Cells.Number(l.Term), l.LeaderApiUrl ?? "?", l.LeaderRaftUrl]])));

        cluster.Subcommands.Add(status);
        cluster.Subcommands.Add(leader);
        return cluster;
    }

    private static async Task<(Uri Node, ClusterStatus? Status, string? Raw, string? Error)> AskAsync(Raft3DClient client, Uri node, CancellationToken token)
    {
        try
        {
            var response = await client.GetClusterStatusAsync(node, token);
            return response.IsSuccess ? (node, response.Value, response.RawJson, null) : (node, null, null, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (node, null, null, e.Message);
        }
    }
}
