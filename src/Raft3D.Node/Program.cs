using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;

// Wiring only: build the node, start it, and say in one line why if it cannot start.
WebApplication app;
try
{
    app = await NodeApplication.BuildAsync(args, ownsProcess: true);
    await app.StartAsync();
}
catch (Exception e) when (e is InvalidConfigurationException or IOException or UnauthorizedAccessException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"raft3d: cannot start: {e.Message.ReplaceLineEndings(" ")}");
    return 2;
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();
return 0;
