using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// A small tmpfs mounted over a node's data directory, its files copied in, so a test can fill that node's disk
/// and free it again. Unmounted on dispose, lazily, so a node process still holding files there cannot block it.
/// </summary>
internal sealed class TmpfsMount : IAsyncDisposable
{
    private const string FillerName = "filler";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private TmpfsMount(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Space left on the tmpfs for an unprivileged writer, as the node sees it.</summary>
    public long AvailableBytes => new DriveInfo(Directory).AvailableFreeSpace;

    /// <summary>Null if this process may mount a tmpfs; otherwise why not, and what to do about it.</summary>
    public static async Task<string?> WhyUnavailableAsync()
    {
        var probe = System.IO.Directory.CreateTempSubdirectory("raft3d-tmpfs-probe-").FullName;
        try
        {
            var (exit, output) = await RunAsync("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe);
            if (exit != 0)
            {
                return $"mounting a tmpfs is not permitted here ({output.Trim()}); run the Hosts tests as root, as .ci/run does";
            }

            await RunAsync("umount", probe);
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"mount is not installed ({e.Message}); it comes with util-linux (apt-get install mount)";
        }
        finally
        {
            System.IO.Directory.Delete(probe);
        }
    }

    /// <summary>Mounts a tmpfs of <paramref name="sizeKiB"/> over <paramref name="directory"/>, keeping the files it holds.</summary>
    public static async Task<TmpfsMount> MountOverAsync(string directory, int sizeKiB)
    {
        var staging = System.IO.Directory.CreateTempSubdirectory("raft3d-tmpfs-staging-").FullName;
        try
        {
            await RunOrFailAsync("cp", "-a", directory + "/.", staging);
            await RunOrFailAsync("mount", "-t", "tmpfs", "-o", $"size={sizeKiB}k", "tmpfs", directory);
            var mount = new TmpfsMount(directory);
            try
            {
                await RunOrFailAsync("cp", "-a", staging + "/.", directory);
                return mount;
            }
            catch
            {
                await mount.DisposeAsync();
                throw;
            }
        }
        finally
        {
            System.IO.Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Writes a filler file so that about <paramref name="bytes"/> stay free.</summary>
    public async Task FillLeavingAsync(long bytes)
    {
        var fill = AvailableBytes - bytes;
        Assert.That(fill, Is.Positive, $"only {AvailableBytes} bytes are free on {Directory}; cannot leave {bytes}");
        var zeros = new byte[64 * 1024];
        await using var filler = new FileStream(Path.Combine(Directory, FillerName), FileMode.Append);
        for (var written = 0L; written < fill; written += zeros.Length)
        {
            await filler.WriteAsync(zeros.AsMemory(0, (int)Math.Min(zeros.Length, fill - written)));
        }
    }

    /// <summary>Deletes the filler: what an operator does to free space.</summary>
    public void Free() => File.Delete(Path.Combine(Directory, FillerName));

    public async ValueTask DisposeAsync() => await RunAsync("umount", "-l", Directory);

    private static async Task RunOrFailAsync(string file, params string[] args)
    {
        var (exit, output) = await RunAsync(file, args);
        Assert.That(exit, Is.Zero, $"{file} {string.Join(' ', args)}: {output}");
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
        => ProcessRunner.RunAsync(file, args, Path.GetTempPath(), environment: null, CommandTimeout);
}
