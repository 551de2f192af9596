using System.Globalization;

namespace Raft3D.Bench;

/// <summary>Cores, CPU model, memory and the disk under the work directory, for the results file.</summary>
internal static class MachineDescription
{
    public static string Describe(string workDirectory)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var drive = new DriveInfo(workDirectory);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu}), {double.Parse(memKb, CultureInfo.InvariantCulture) / 1024 / 1024:0.0} GiB memory, work directory on {drive.DriveFormat} ({drive.TotalSize / 1024 / 1024 / 1024} GiB, {drive.AvailableFreeSpace / 1024 / 1024 / 1024} GiB free), {Environment.OSVersion}, .NET {Environment.Version}.");
    }
}
