using System.CommandLine;
using Raft3D.Cli.Commands;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli;

/// <summary>Runs one command's body with the shared context, turning the CLI's own failures into exit codes.</summary>
public sealed class CommandRunner(GlobalOptions options, CliEnvironment environment)
{
    public GlobalOptions Options => options;

    public void Bind(Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body)
        => command.SetAction((parse, token) => RunAsync(parse, body, token));

    /// <summary>For a command that talks to no node (token new): no client is made, so --nodes cannot fail it.</summary>
    public void BindLocal(Command command, Func<ParseResult, Renderer, int> body)
        => command.SetAction(parse =>
        {
            try
            {
                return body(parse, options.CreateRenderer(parse, environment));
            }
            catch (ArgumentException e)
            {
                environment.Error.WriteLine($"invalid_input: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        });

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, CliContext, CancellationToken, Task<int>> body, CancellationToken token)
    {
        try
        {
            using var context = options.CreateContext(parse, environment);
            return await body(parse, context, token);
        }
        catch (InvalidIdempotencyKeyException)
        {
            await environment.Error.WriteLineAsync(IdempotencyKeyOption.InvalidKeyError);
            return ExitCodes.InvalidInput;
        }
        catch (ArgumentException e)
        {
            await environment.Error.WriteLineAsync($"invalid_input: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (NoNodeReachableException e)
        {
            await environment.Error.WriteLineAsync($"unreachable: {e.Message}");
            if (e.IdempotencyKey is { } key)
            {
                await environment.Error.WriteLineAsync(IdempotencyKeyOption.RetryHint(key));
            }

            return ExitCodes.Unavailable;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }
}
