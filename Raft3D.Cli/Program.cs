using Raft3D.Cli;

// Ctrl+C cancels the running command (jobs watch ends cleanly) instead of killing the process mid-write.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await CliApp.RunAsync(args, CliEnvironment.FromConsole(), cancel.Token);
