using System.Diagnostics;
using System.Text;

namespace Raft3D.Tests.Infrastructure;

/// <summary>A node run as a real process of the built binary, its output captured.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public NodeProcess(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string StopAndReadOutput()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        lock (output)
        {
            return output.ToString();
        }
    }

    public void Dispose()
    {
        StopAndReadOutput();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
