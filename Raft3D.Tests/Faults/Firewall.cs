using System.Diagnostics;

namespace Raft3D.Tests.Faults;

/// <summary>
/// iptables rules that drop packets: between one node's address and its peers' on this host (a network
/// partition on one machine), or in one network namespace's own tables (a fault on that host alone). Rules
/// carry a comment and are removed on dispose.
/// </summary>
internal sealed class Firewall : IDisposable
{
    private const string Tag = "raft3d-test";
    private readonly List<string[]> rules = [];
    private readonly string[] iptables;

    private Firewall(params string[] iptables)
    {
        this.iptables = iptables;
    }

    public static bool IsAvailable(out string why)
    {
        try
        {
            var (exit, output) = Run("iptables", "-L", "INPUT", "-n");
            why = exit == 0 ? string.Empty : output.Trim();
            return exit == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            why = e.Message;
            return false;
        }
    }

    public static Firewall Isolate(string host, IEnumerable<string> peers)
    {
        var firewall = new Firewall("iptables");
        foreach (var peer in peers)
        {
            firewall.Drop("INPUT", "-s", host, "-d", peer);
            firewall.Drop("INPUT", "-s", peer, "-d", host);
        }

        return firewall;
    }

    /// <summary>No rules yet, in the tables of network namespace <paramref name="name"/>: what <see cref="Drop"/> adds applies to that host only.</summary>
    public static Firewall InNamespace(string name) => new("ip", "netns", "exec", name, "iptables");

    /// <summary>Drops the packets <paramref name="match"/> selects in <paramref name="chain"/>, ahead of any other rule there.</summary>
    public Firewall Drop(string chain, params string[] match)
    {
        string[] rule = [chain, .. match, "-j", "DROP", "-m", "comment", "--comment", Tag];
        var (exit, output) = Run(iptables[0], [.. iptables[1..], "-I", .. rule]);
        if (exit != 0)
        {
            Dispose();
            throw new InvalidOperationException($"{string.Join(' ', iptables)} -I {string.Join(' ', rule)} failed: {output}");
        }

        rules.Add(rule);
        return this;
    }

    public void Dispose()
    {
        foreach (var rule in rules)
        {
            Run(iptables[0], [.. iptables[1..], "-D", .. rule]);
        }

        rules.Clear();
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
