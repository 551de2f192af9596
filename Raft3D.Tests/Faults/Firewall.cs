using System.Diagnostics;

namespace Raft3D.Tests.Faults;

/// <summary>
/// iptables rules that drop every packet between one node's address and its peers', in both directions: a
/// network partition on one host. Rules carry a comment and are removed on dispose.
/// </summary>
internal sealed class Firewall : IDisposable
{
    private const string Tag = "raft3d-test";
    private readonly List<string[]> rules = [];

    private Firewall()
    {
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
        var firewall = new Firewall();
        foreach (var peer in peers)
        {
            firewall.Add(["INPUT", "-s", host, "-d", peer, "-j", "DROP", "-m", "comment", "--comment", Tag]);
            firewall.Add(["INPUT", "-s", peer, "-d", host, "-j", "DROP", "-m", "comment", "--comment", Tag]);
        }

        return firewall;
    }

    public void Dispose()
    {
        foreach (var rule in rules)
        {
            Run("iptables", ["-D", .. rule]);
        }
    }

    private void Add(string[] rule)
    {
        var (exit, output) = Run("iptables", ["-I", .. rule]);
        if (exit != 0)
        {
            Dispose();
            throw new InvalidOperationException($"iptables -I {string.Join(' ', rule)} failed: {output}");
        }

        rules.Add(rule);
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
