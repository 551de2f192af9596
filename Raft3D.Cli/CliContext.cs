using System.Globalization;
using System.Net;
using Raft3D.Cli.Commands;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli;

/// <summary>What every command needs: a client for the chosen nodes and a renderer for the chosen format.</summary>
public sealed class CliContext(Raft3DClient client, Renderer renderer) : IDisposable
{
    public Raft3DClient Client => client;

    public Renderer Renderer => renderer;

    /// <summary>Prints a response (the value via <paramref name="table"/>, or its problem) and returns the exit code.</summary>
    public int Show<T>(ApiResponse<T> response, Action<Renderer, T> table)
    {
        if (response.Replayed)
        {
            // On stderr, so that stdout stays the entity (or the API's JSON) either way; the exit code is the kept outcome's.
            // Not "applied": a kept refusal is replayed too, and it applied nothing, the first time or now.
            renderer.Error("replayed: this Idempotency-Key was already used for this request; showing the first answer");
        }

        if (!response.IsSuccess)
        {
            var exit = Refused(response.StatusCode, response.Problem);
            if (exit == ExitCodes.Unavailable && response.IdempotencyKey is { } key)
            {
                renderer.Error(IdempotencyKeyOption.RetryHint(key));
            }

            return exit;
        }

        if (renderer.Format == OutputFormat.Json)
        {
            // A 204 (delete, archive) has no JSON: print nothing rather than an empty line; the exit code says it worked.
            if (response.RawJson.Length > 0)
            {
                renderer.Json(response.RawJson);
            }
        }
        else
        {
            table(renderer, response.Value!);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Prints a refusal as one line, <c>code: detail</c>, on stderr, and returns its exit code. For a 401 or 403 the
    /// node's detail names the token's name and role, never the token: nothing here prints it either.
    /// </summary>
    public int Refused(HttpStatusCode status, Problem? problem)
    {
        renderer.Error($"{problem?.Code ?? ((int)status).ToString(CultureInfo.InvariantCulture)}: {problem?.Detail ?? problem?.Title}");
        return ExitCodes.FromStatus(status);
    }

    public void Dispose() => client.Dispose();
}
