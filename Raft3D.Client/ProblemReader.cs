using System.Text.Json;

namespace Raft3D.Client;

/// <summary>A refused response's problem document, or one made from its status when it has none.</summary>
internal static class ProblemReader
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, CancellationToken token)
        => Parse(await response.Content.ReadAsStringAsync(token), response);

    public static Problem Parse(string raw, HttpResponseMessage response)
    {
        try
        {
            if (raw.Length > 0 && JsonSerializer.Deserialize<Problem>(raw, Raft3DJson.Options) is { } problem)
            {
                return problem;
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page, say): its text is the detail.
        }

        return new Problem(null, response.ReasonPhrase, (int)response.StatusCode, raw.Length > 0 ? raw : response.ReasonPhrase, null);
    }
}
