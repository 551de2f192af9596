using System.Globalization;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// Three hosts on this machine: the network namespaces r3d-h1..3, each with its own network stack, firewall and
/// address (10.231.0.11..13 on its eth0), joined by the bridge r3d-br0 (10.231.0.1) in the root namespace, through
/// which the test reaches them. Whatever a crashed earlier run left behind is removed first; everything is
/// removed again on dispose, processes still running in the namespaces included.
/// </summary>
internal sealed class NamespaceHosts : IAsyncDisposable
{
    /// <summary>The same ports on every host, as on separate machines: each namespace has its own.</summary>
    public const int ApiPort = 8080;

    public const int RaftPort = 8090;

    private const string Bridge = "r3d-br0";
    private const string Subnet = "10.231.0";
    private const int Count = 3;

    /// <summary>
    /// With br_netfilter loaded (bridge-nf-call-iptables = 1), frames between bridge ports pass the root
    /// namespace's FORWARD chain, whose policy Docker and podman set to DROP; this rule lets ours through.
    /// </summary>
    private static readonly string[] ForwardRule = ["FORWARD", "-i", Bridge, "-o", Bridge, "-m", "comment", "--comment", "raft3d-hosts", "-j", "ACCEPT"];

    private NamespaceHosts()
    {
    }

    /// <summary>One per namespace, in order: node <c>i</c> of a cluster started on them runs in r3d-h<c>i</c>.</summary>
    public IReadOnlyList<NodeHost> Hosts { get; } = [.. Enumerable.Range(1, Count).Select(i => new NodeHost(AddressOf(i), ApiPort, RaftPort, ["ip", "netns", "exec", NameOf(i)]))];

    /// <summary>Why these hosts cannot be made here, or null if they can.</summary>
    public static async Task<string?> UnavailableBecauseAsync()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return "network namespaces and iptables need Linux and root";
        }

        foreach (var probe in (string[][])[["ip", "netns", "list"], ["iptables", "-S", "FORWARD"]])
        {
            try
            {
                var (exit, output) = await RunAsync(probe);
                if (exit != 0)
                {
                    return $"{string.Join(' ', probe)} failed: {output.Trim()}";
                }
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return $"{probe[0]}: {e.Message}";
            }
        }

        return null;
    }

    public static async Task<NamespaceHosts> CreateAsync()
    {
        var hosts = new NamespaceHosts();
        try
        {
            await RemoveAllAsync();
            var (_, taken) = await RunAsync("ip", "-o", "-4", "addr", "show", "to", $"{Subnet}.0/24");
            if (taken.Trim().Length > 0)
            {
                throw new InvalidOperationException($"{Subnet}.0/24 is already in use on this machine, so the test's hosts would clash with it: {taken}");
            }

            await MustAsync("ip", "link", "add", Bridge, "type", "bridge");
            await MustAsync("ip", "addr", "add", $"{Subnet}.1/24", "dev", Bridge);
            await MustAsync("ip", "link", "set", Bridge, "up");
            for (var i = 1; i <= Count; i++)
            {
                await MustAsync("ip", "netns", "add", NameOf(i));
                await MustAsync("ip", "link", "add", VethOf(i), "type", "veth", "peer", "name", "eth0", "netns", NameOf(i));
                await MustAsync("ip", "link", "set", VethOf(i), "master", Bridge, "up");
                await MustAsync("ip", "-n", NameOf(i), "addr", "add", $"{AddressOf(i)}/24", "dev", "eth0");
                await MustAsync("ip", "-n", NameOf(i), "link", "set", "eth0", "up");
                await MustAsync("ip", "-n", NameOf(i), "link", "set", "lo", "up");
            }

            await MustAsync(["iptables", "-I", .. ForwardRule]);
            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>The namespace a node listening on <paramref name="node"/>'s address runs in.</summary>
    public string NamespaceOf(TestNode node)
        => NameOf(Hosts.Select(h => h.Address).ToList().IndexOf(node.Host) + 1);

    public async ValueTask DisposeAsync() => await RemoveAllAsync();

    private static string NameOf(int host) => string.Create(CultureInfo.InvariantCulture, $"r3d-h{host}");

    private static string VethOf(int host) => string.Create(CultureInfo.InvariantCulture, $"r3d-v{host}");

    private static string AddressOf(int host) => string.Create(CultureInfo.InvariantCulture, $"{Subnet}.{10 + host}");

    /// <summary>Removes what this class makes, whether or not it exists; safe to run twice.</summary>
    private static async Task RemoveAllAsync()
    {
        for (var i = 1; i <= Count; i++)
        {
            // A namespace lives on while a process runs in it: kill them (node processes of a crashed run) first.
            var (exit, pids) = await RunAsync("ip", "netns", "pids", NameOf(i));
            if (exit == 0)
            {
                foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    await RunAsync("kill", "-KILL", pid);
                }

                await RunAsync("ip", "netns", "del", NameOf(i));
            }

            await RunAsync("ip", "link", "del", VethOf(i));
        }

        await RunAsync("ip", "link", "del", Bridge);
        while ((await RunAsync(["iptables", "-D", .. ForwardRule])).ExitCode == 0)
        {
            // A crashed run may have left more than one copy of the rule.
        }
    }

    private static async Task MustAsync(params string[] command)
    {
        var (exit, output) = await RunAsync(command);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({exit}): {output.Trim()}");
        }
    }

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] command)
        => ProcessRunner.RunAsync(command[0], command[1..], AppContext.BaseDirectory, environment: null, TimeSpan.FromSeconds(20));
}
