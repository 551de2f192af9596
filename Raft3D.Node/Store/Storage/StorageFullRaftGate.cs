namespace Raft3D.Node.Store.Storage;

/// <summary>
/// Stands before DotNext's raft handler while the disk is full: the leader's entries (an AppendEntries that
/// carries any) and snapshots are refused with 503, unread, so the log is never written into space the file
/// system does not have. Heartbeats, votes and the rest pass: the node keeps following the leader, which keeps
/// retrying, and catches up as soon as space is back.
/// </summary>
public sealed class StorageFullRaftGate(RequestDelegate next, StorageGuard guard)
{
    // DotNext's HTTP transport names each message in this header, and counts an AppendEntries' entries in the other.
    private const string MessageTypeHeader = "X-Raft-Message-Type";
    private const string EntriesCountHeader = "X-Raft-Entries-Count";

    public Task InvokeAsync(HttpContext context)
    {
        if (guard.IsFull && CarriesData(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static bool CarriesData(HttpRequest request) => request.Headers[MessageTypeHeader].ToString() switch
    {
        "InstallSnapshot" => true,
        "AppendEntries" => !long.TryParse(request.Headers[EntriesCountHeader], System.Globalization.CultureInfo.InvariantCulture, out var count) || count > 0,
        _ => false,
    };
}
