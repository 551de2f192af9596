using System.Text.Json;

namespace Raft3D.Client;

/// <summary>
/// One event of <c>GET /api/v1/events</c>: a change a node applied, a <c>reset</c> (reload your lists), or a
/// <c>cluster</c> change. See <see cref="FarmEventTypes"/> for the types.
/// </summary>
/// <param name="Type">printer, filament, print_job, ledger, cluster or reset.</param>
/// <param name="Id">
/// The log index of the entry that made the change; every event of one entry has the same. Null for
/// <c>cluster</c>, which is not replayed. On a <c>window</c> or <c>snapshot</c> reset, the index the events that
/// follow come after; a <c>slow_client</c> reset has none (the node closes the stream, and the client resumes
/// after the last event it received).
/// </param>
/// <param name="Data">The entity's JSON, as <c>GET</c> of it answers (snake_case; see <see cref="As{T}"/>).</param>
/// <param name="Node">The node whose stream carried it.</param>
public sealed record FarmEvent(string Type, long? Id, JsonElement Data, Uri Node)
{
    /// <summary>The data as one of the API's types, e.g. <see cref="PrintJob"/> for a print_job event.</summary>
    public T As<T>() => Data.Deserialize<T>(Raft3DJson.Options) ?? throw new JsonException($"A {Type} event's data is null.");

    /// <summary>The data exactly as the node wrote it, for <c>-o json</c>.</summary>
    public string RawJson => Data.GetRawText();
}
