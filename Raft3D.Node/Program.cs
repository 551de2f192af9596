using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;

// Wiring only: build the node, start it, and say in one line why if it cannot start.
if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args);
}

WebApplication app;
try
{
    app = await NodeApplication.BuildAsync(args, ownsProcess: true);
    await app.StartAsync();
}
catch (Exception e)
{
    // Whatever stops a node from starting (bad configuration, a port in use, a damaged data file) is reported
    // in one line; a stack trace is no help to the operator who has to fix it.
    var reason = e is InvalidConfigurationException or InvalidDataException ? e.Message : $"{e.GetType().Name}: {e.Message}";
    await Console.Error.WriteLineAsync($"raft3d: cannot start: {reason.ReplaceLineEndings(" ")}");
    return 2;
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();

// 0 after a requested stop; a node that stopped itself (its log failed: StorageGuard) has set its own code.
return Environment.ExitCode;
