using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// The container engine on this machine (podman with podman-compose, else docker with its compose plugin) and the
/// node's image, built once per test run from the repository's Dockerfile on a local Debian base, since no image
/// registry is reachable here.
/// </summary>
internal sealed class ContainerEngine
{
    public const string Image = "localhost/raft3d-node:test";

    private static readonly Lazy<Task<ContainerEngine>> Built = new(BuildAsync);

    private ContainerEngine(string cli, string[] compose)
    {
        Cli = cli;
        Compose = compose;
    }

    /// <summary>podman or docker.</summary>
    public string Cli { get; }

    /// <summary>The compose command: podman-compose, or docker compose.</summary>
    public string[] Compose { get; }

    /// <summary>The engine with the image built, or an ignored test saying what to install.</summary>
    public static async Task<ContainerEngine> RequireAsync()
    {
        if (await FindAsync() is null)
        {
            Assert.Ignore("No container engine: install podman and podman-compose (Debian: apt-get install podman podman-compose debootstrap netavark aardvark-dns runc), as .ci/run does, and run as root.");
        }

        return await Built.Value;
    }

    public Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null)
        => ProcessRunner.RunAsync(Cli, args, RepositoryRoot.Path, null, timeout ?? TimeSpan.FromMinutes(1));

    public async Task<string> RunCheckedAsync(IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var (exit, output) = await RunAsync(args, timeout);
        return exit == 0 ? output : throw new InvalidOperationException($"{Cli} {string.Join(' ', args)} exited {exit}: {output}");
    }

    private static async Task<ContainerEngine?> FindAsync()
    {
        if (OnPath("podman") && OnPath("podman-compose"))
        {
            return new ContainerEngine("podman", ["podman-compose"]);
        }

        // Docker's client alone is not enough: compose is a plugin, and the engine a daemon that may not run.
        return OnPath("docker") && await SucceedsAsync("docker", "compose", "version") && await SucceedsAsync("docker", "info")
            ? new ContainerEngine("docker", ["docker", "compose"])
            : null;
    }

    private static async Task<bool> SucceedsAsync(string file, params string[] args)
        => (await ProcessRunner.RunAsync(file, args, RepositoryRoot.Path, null, TimeSpan.FromSeconds(20))).ExitCode == 0;

    private static async Task<ContainerEngine> BuildAsync()
    {
        var engine = (await FindAsync())!;
        var (exit, output) = await ProcessRunner.RunAsync(
            Path.Combine(RepositoryRoot.Path, "deploy", "build-image.sh"),
            [Image],
            RepositoryRoot.Path,
            new Dictionary<string, string> { ["RAFT3D_ENGINE"] = engine.Cli },
            TimeSpan.FromMinutes(10));
        return exit == 0 ? engine : throw new InvalidOperationException($"deploy/build-image.sh failed ({exit}): {output}");
    }

    private static bool OnPath(string command)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, command)));
}
